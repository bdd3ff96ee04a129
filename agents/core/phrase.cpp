#include "core/phrase.h"

#include <array>
#include <cstdio>
#include <nlohmann/json.hpp>

namespace payops {

namespace {
// Deeper than any phrase the agent writes (a rule, its note, the note's timing): a sender's phrase nested deeper is
// refused rather than followed down the stack.
constexpr int kMaxDepth = 4;
constexpr int kMaxPrecision = 17;
// Longer than any template the agent writes (the longest spillover rule is under 200 characters).
constexpr std::size_t kMaxTemplate = 1024;

std::string printed(const char* format, int precision, double value)
{
    // Any size: a z of 1e60 (a spread near zero) printed in full, as the rules' snprintf did into their own buffer.
    const int size = std::snprintf(nullptr, 0, format, precision, value);
    if (size <= 0)
        return {};
    std::string out(static_cast<std::size_t>(size) + 1, '\0');
    std::snprintf(out.data(), out.size(), format, precision, value);
    out.pop_back();
    return out;
}

// A template from a sender says each argument at most once: with a placeholder repeated, a few hundred bytes of
// nested phrases would say gigabytes. No NUL either: the translator reads the template as a C string.
bool usable(const std::string& text, std::size_t argCount)
{
    if (text.empty() || text.size() > kMaxTemplate || text.find('\0') != std::string::npos)
        return false;
    std::array<bool, 9> used{};
    bool repeated = false;
    walkTemplate(
        std::string_view(text), argCount, [](std::string_view) {},
        [&](std::size_t i) {
            repeated |= used[i];
            used[i] = true;
        });
    return !repeated;
}

std::optional<Phrase> read(const nlohmann::json& j, int depth)
{
    if (depth > kMaxDepth || !j.is_object())
        return std::nullopt;
    const auto text = j.find("text");
    const auto args = j.find("args");
    if (text == j.end() || !text->is_string())
        return std::nullopt;
    Phrase p;
    p.text = text->get<std::string>();
    if (args == j.end())
        return usable(p.text, 0) ? std::optional<Phrase>(std::move(p)) : std::nullopt;
    if (!args->is_array() || args->size() > 9 || !usable(p.text, args->size()))
        return std::nullopt;
    for (const auto& a : *args) {
        if (!a.is_object())
            return std::nullopt;
        const auto precision = [&]() -> std::optional<int> {
            const auto it = a.find("precision");
            if (it == a.end() || !it->is_number_integer())
                return std::nullopt;
            const double d = it->get<double>(); // range first: 2^32 + 2 read as an int is 2
            if (!(d >= 0 && d <= kMaxPrecision))
                return std::nullopt;
            return static_cast<int>(d);
        };
        if (const auto t = a.find("text"); t != a.end() && t->is_string()) {
            p.args.push_back(phrase::text(t->get<std::string>()));
        } else if (const auto f = a.find("fixed"); f != a.end() && f->is_number() && precision()) {
            p.args.push_back(phrase::fixed(f->get<double>(), *precision()));
        } else if (const auto g = a.find("significant");
                   g != a.end() && g->is_number() && precision() && *precision() > 0) {
            p.args.push_back(phrase::significant(g->get<double>(), *precision()));
        } else if (const auto n = a.find("phrase"); n != a.end()) {
            auto inner = read(*n, depth + 1);
            if (!inner)
                return std::nullopt;
            p.args.push_back(phrase::nested(std::move(*inner)));
        } else {
            return std::nullopt;
        }
    }
    return p;
}
} // namespace

namespace phrase {
Phrase::Arg text(std::string value)
{
    Phrase::Arg a;
    a.text = std::move(value);
    return a;
}

namespace {
Phrase::Arg numberArg(Phrase::Arg::Kind kind, double value, int precision)
{
    Phrase::Arg a;
    a.kind = kind;
    a.number = value;
    a.precision = precision;
    return a;
}
} // namespace

Phrase::Arg fixed(double value, int decimals)
{
    return numberArg(Phrase::Arg::Kind::Fixed, value, decimals);
}

Phrase::Arg whole(double value)
{
    return fixed(value, 0);
}

Phrase::Arg significant(double value, int digits)
{
    return numberArg(Phrase::Arg::Kind::Significant, value, digits);
}

Phrase::Arg nested(Phrase value)
{
    Phrase::Arg a;
    a.kind = Phrase::Arg::Kind::Nested;
    a.nested.push_back(std::move(value));
    return a;
}
} // namespace phrase

Phrase makePhrase(const char* text, std::vector<Phrase::Arg> args)
{
    return Phrase{text, std::move(args)};
}

Phrase twoFigurePhrase(const char* text, double first, double second)
{
    // A value beside its bar must not read as the bar: confidence 0.6996 under a minimum of 0.7 printed
    // "confidence 0.70 < min_confidence 0.70".
    int decimals = 2;
    while (decimals < 6 && first != second && printed("%.*f", decimals, first) == printed("%.*f", decimals, second))
        ++decimals;
    return makePhrase(text, {phrase::fixed(first, decimals), phrase::fixed(second, decimals)});
}

Phrase joinPhrases(Phrase first, Phrase second)
{
    // Not marked for translation: it has no words, and the console keeps a template it has no translation for.
    return makePhrase("%1%2", {phrase::nested(std::move(first)), phrase::nested(std::move(second))});
}

std::string Phrase::Arg::englishNumber() const
{
    return printed(kind == Kind::Fixed ? "%.*f" : "%.*g", precision, number);
}

std::string Phrase::english() const
{
    std::string out;
    walkTemplate(
        std::string_view(text), args.size(), [&](std::string_view literal) { out += literal; },
        [&](std::size_t i) {
            const Arg& a = args[i];
            switch (a.kind) {
            case Arg::Kind::Text:
                out += a.text;
                break;
            case Arg::Kind::Fixed:
            case Arg::Kind::Significant:
                out += a.englishNumber();
                break;
            case Arg::Kind::Nested:
                if (!a.nested.empty())
                    out += a.nested.front().english();
                break;
            }
        });
    return out;
}

nlohmann::json toJson(const Phrase& p)
{
    auto args = nlohmann::json::array();
    for (const Phrase::Arg& a : p.args) {
        switch (a.kind) {
        case Phrase::Arg::Kind::Text:
            args.push_back({{"text", a.text}});
            break;
        case Phrase::Arg::Kind::Fixed:
            args.push_back({{"fixed", a.number}, {"precision", a.precision}});
            break;
        case Phrase::Arg::Kind::Significant:
            args.push_back({{"significant", a.number}, {"precision", a.precision}});
            break;
        case Phrase::Arg::Kind::Nested:
            args.push_back({{"phrase", a.nested.empty() ? nlohmann::json(nullptr) : toJson(a.nested.front())}});
            break;
        }
    }
    return {{"text", p.text}, {"args", std::move(args)}};
}

std::optional<Phrase> phraseFromJson(const nlohmann::json& j)
{
    return read(j, 0);
}

nlohmann::json toJson(const std::vector<Phrase>& phrases)
{
    auto j = nlohmann::json::array();
    for (const Phrase& p : phrases)
        j.push_back(toJson(p));
    return j;
}

Phrase phraseSaying(const nlohmann::json& j, const char* key, const std::string& english)
{
    const auto it = j.find(key);
    if (it == j.end())
        return {};
    auto p = phraseFromJson(*it);
    return p && p->english() == english ? std::move(*p) : Phrase{};
}

std::vector<Phrase> phrasesSaying(const nlohmann::json& j, const char* key, const std::vector<std::string>& english)
{
    const auto it = j.find(key);
    if (it == j.end() || !it->is_array() || it->size() != english.size())
        return {};
    std::vector<Phrase> out;
    for (std::size_t i = 0; i < english.size(); ++i) {
        auto p = phraseFromJson((*it)[i]);
        if (!p || p->english() != english[i])
            return {};
        out.push_back(std::move(*p));
    }
    return out;
}

} // namespace payops
