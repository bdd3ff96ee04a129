#include "phrase_text.h"

#include "number_format.h"

#include <QCoreApplication>
#include <cstdlib>

namespace payops {

namespace {

// The number as english() rounded it, in the reader's format. printf rounds an exact tie (0.3125 to three places) to
// the even digit and QLocale away from zero, so the console showed 0.313 where the CLI, the audit log and the text
// beside it say 0.312. Rounded by printf first, the value read back is no tie, and QLocale keeps its digits.
QString localNumber(const Phrase::Arg& a)
{
    return numberLocale().toString(std::strtod(a.englishNumber().c_str(), nullptr),
                                   a.kind == Phrase::Arg::Kind::Fixed ? 'f' : 'g', a.precision);
}

} // namespace

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
            case Phrase::Arg::Kind::Significant:
                out += localNumber(a);
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
