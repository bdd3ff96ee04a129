#include "phrase_text.h"

#include "number_format.h"

#include <QCoreApplication>

namespace payops {

QString sayPhrase(const Phrase& phrase)
{
    const QString text = QCoreApplication::translate("payops::Phrase", phrase.text.c_str());
    const std::u16string_view view(reinterpret_cast<const char16_t*>(text.utf16()),
                                   static_cast<std::size_t>(text.size()));
    QString out;
    // The placeholders are read as english() reads them, on the translated text (a translation may reorder them).
    walkTemplate(
        view, phrase.args.size(),
        [&](std::u16string_view literal) {
            out += QStringView(literal.data(), static_cast<qsizetype>(literal.size()));
        },
        [&](std::size_t i) {
            const Phrase::Arg& a = phrase.args[i];
            switch (a.kind) {
            case Phrase::Arg::Kind::Text:
                out += QString::fromStdString(a.text);
                break;
            case Phrase::Arg::Kind::Fixed:
                out += numberLocale().toString(a.number, 'f', a.precision);
                break;
            case Phrase::Arg::Kind::Significant:
                out += numberLocale().toString(a.number, 'g', a.precision);
                break;
            case Phrase::Arg::Kind::Nested:
                if (!a.nested.empty())
                    out += sayPhrase(a.nested.front());
                break;
            }
        });
    return out;
}

QString sayPhrase(const Phrase& phrase, const std::string& english)
{
    // A phrase that no longer says the text beside it (a text amended after the phrase was written) is not shown:
    // the reader would see something the logs and the audit trail do not say.
    return phrase.empty() || phrase.english() != english ? QString::fromStdString(english) : sayPhrase(phrase);
}

QString sayText(const std::string& english)
{
    return QCoreApplication::translate("payops::Phrase", english.c_str());
}

} // namespace payops
