#pragma once
// A sentence the agent says to people (an evidence rule, a hypothesis), kept as its English template and its
// arguments. The logs, the audit trail, the CLI and the sync messages carry its English text; the console says it in
// the reader's language, with the reader's numbers (models/phrase_text.h). Each template is marked with
// QT_TRANSLATE_NOOP("payops::Phrase", ...) where it is written, so lupdate finds it; the arguments (issuer names,
// codes, figures) are data and never translated.

#include <QtGlobal> // QT_TRANSLATE_NOOP, for the files that write templates
#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace payops {

struct Phrase {
    struct Arg {
        enum class Kind : std::uint8_t { Text, Fixed, Significant, Nested };
        Kind kind = Kind::Text;
        std::string text;  // Text
        double number = 0; // Fixed (`precision` decimals) and Significant (`precision` significant digits)
        int precision = 0;
        std::vector<Phrase> nested; // Nested: one phrase (a vector, as Phrase is incomplete here)

        // A Fixed or Significant number as english() writes it (printf: "0.312", a tie to the even digit); the
        // console rounds to the same digits.
        std::string englishNumber() const;
    };

    // %1 ... %9 stand for args[0] ... args[8]; any other % is itself ("usually 35 %").
    std::string text;
    std::vector<Arg> args;

    bool empty() const { return text.empty(); }
    std::string english() const;
};

namespace phrase {
Phrase::Arg text(std::string value);
Phrase::Arg fixed(double value, int decimals);     // as printf's %.Nf
Phrase::Arg whole(double value);                   // fixed(value, 0): counts
Phrase::Arg significant(double value, int digits); // as printf's %.Ng: a share of 0.03 % must not read 0.0 %
Phrase::Arg nested(Phrase value);
} // namespace phrase

// `text` is a template marked for translation.
Phrase makePhrase(const char* text, std::vector<Phrase::Arg> args = {});
// A template with two figures of two decimals: "blast radius %1 > %2", as most rules and reasons set a value beside
// its bar. Two different figures that would print alike get more decimals (up to six) until they differ.
Phrase twoFigurePhrase(const char* text, double first, double second);
// Two phrases one after the other ("%1%2"): a rule and the note appended to it.
Phrase joinPhrases(Phrase first, Phrase second);

// Walks a template: calls `literal` with each run of plain text and `placeholder` with each valid argument index.
// The one reading of %N that english() and the console's rendering share.
// Any character type: the console walks the translated template as UTF-16.
template <typename Char, typename Literal, typename Placeholder>
void walkTemplate(std::basic_string_view<Char> text, std::size_t argCount, Literal&& literal, Placeholder&& placeholder)
{
    std::size_t run = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] != '%' || i + 1 >= text.size() || text[i + 1] < '1' || text[i + 1] > '9')
            continue;
        const auto index = static_cast<std::size_t>(text[i + 1] - '1');
        if (index >= argCount)
            continue; // no such argument: the %N stays as written
        literal(text.substr(run, i - run));
        placeholder(index);
        run = i + 2;
        ++i;
    }
    literal(text.substr(run));
}

nlohmann::json toJson(const Phrase& p);
nlohmann::json toJson(const std::vector<Phrase>& phrases);
// Nothing when `j` is not a phrase this build can say (a newer agent's kind of argument, nesting deeper than any
// phrase the agent writes): the caller falls back to the English text it has beside it.
std::optional<Phrase> phraseFromJson(const nlohmann::json& j);

// The phrase under `key` of `j`, if there is one, it reads and it says `english`. One that does not (an agent of
// another build that changed the text but not the phrase, a hand-edited file) would show the reader something the
// logs and the audit trail do not say. Empty otherwise, and the console shows `english` as it is.
Phrase phraseSaying(const nlohmann::json& j, const char* key, const std::string& english);
// The same for a list: all of them or none.
std::vector<Phrase> phrasesSaying(const nlohmann::json& j, const char* key, const std::vector<std::string>& english);

} // namespace payops
