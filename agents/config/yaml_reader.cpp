#include "yaml_reader.h"

#include "core/decimal_range.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <string_view>
#include <utility>

namespace payops {

namespace {

bool isValid(const YAML::Mark& m)
{
    return m.line >= 0 && m.column >= 0;
}

// yaml-cpp counts from 0; editors and compilers count from 1. A position yaml-cpp does not know is the start.
std::pair<int, int> lineAndColumn(const YAML::Mark& m)
{
    return isValid(m) ? std::pair{m.line + 1, m.column + 1} : std::pair{1, 1};
}

YAML::Mark markOr(const YAML::Node& node, const YAML::Mark& fallback)
{
    if (!node.IsDefined())
        return fallback;
    const YAML::Mark m = node.Mark();
    return isValid(m) ? m : fallback;
}

// YAML 1.2 core-schema numbers: an optional sign, digits, a fraction, an exponent. No inf/nan: config values
// must be finite, and a silent infinity would pass every ">= 0" check.
std::optional<double> parseDouble(std::string_view s)
{
    if (!s.empty() && s.front() == '+')
        s.remove_prefix(1);
    if (s.empty() || s.front() == '+')
        return std::nullopt;
    double v = 0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v, std::chars_format::general);
    if (ec != std::errc() || end != s.data() + s.size() || !std::isfinite(v))
        return std::nullopt;
    return v;
}

std::optional<std::int64_t> parseInt(std::string_view s)
{
    if (!s.empty() && s.front() == '+')
        s.remove_prefix(1);
    if (s.empty() || s.front() == '+')
        return std::nullopt;
    std::int64_t v = 0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || end != s.data() + s.size())
        return std::nullopt;
    return v;
}

std::string joinWords(const std::vector<std::string_view>& words)
{
    std::string out;
    for (auto w : words) {
        if (!out.empty())
            out += ", ";
        out += w;
    }
    return out;
}

// Where a quoted scalar starting at `pos` closes on its own line, or npos when it does not ("" escapes a quote in
// '...' and a backslash escapes anything in "...").
std::size_t closingQuote(const std::string& text, std::size_t pos)
{
    const char quote = text[pos];
    for (std::size_t i = pos + 1; i < text.size() && text[i] != '\n' && text[i] != '\r'; ++i) {
        if (quote == '"' && text[i] == '\\') {
            // An escaped line break continues the string on the next line: not closed on this one.
            if (i + 1 >= text.size() || text[i + 1] == '\n' || text[i + 1] == '\r')
                return std::string::npos;
            ++i;
        } else if (text[i] == quote) {
            if (quote == '\'' && i + 1 < text.size() && text[i + 1] == '\'')
                ++i;
            else
                return i;
        }
    }
    return std::string::npos;
}

// yaml-cpp reports a tab in an indentation as whatever the tab made of the structure ("illegal map value"): name
// the tab when the failing line, or the one before it, is indented with one.
std::string tabHint(const std::string& text, const YAML::Mark& mark)
{
    if (mark.line < 0 || text.find('\t') == std::string::npos)
        return {};
    std::size_t start = 0;
    for (int line = 0; start <= text.size(); ++line) {
        const std::size_t end = std::min(text.find('\n', start), text.size());
        if (line >= mark.line - 1) {
            const std::size_t indentEnd = text.find_first_not_of(" \t", start);
            const std::size_t indent = std::min(indentEnd, end);
            if (text.find('\t', start) < indent)
                return " (line " + std::to_string(line + 1) + " is indented with a tab; YAML indents with spaces only)";
        }
        if (line >= mark.line || end == text.size())
            break;
        start = end + 1;
    }
    return {};
}

// Line `index` (0-based) of the text, without its line break ("" past the end).
std::string_view lineAt(std::string_view text, int index)
{
    std::size_t start = 0;
    for (int line = 0; line < index; ++line) {
        start = text.find('\n', start);
        if (start == std::string::npos)
            return {};
        ++start;
    }
    const std::size_t end = std::min(text.find('\n', start), text.size());
    std::string_view l(text.data() + start, end - start);
    if (!l.empty() && l.back() == '\r')
        l.remove_suffix(1);
    return l;
}

// The 1-based column, in characters as editors count them, of a 0-based line and byte column of the text as yaml-cpp
// reads it (after a byte order mark, which it drops): yaml-cpp counts bytes, and "Ünïcødé€" put an error 6 columns off.
int characterColumn(std::string_view text, int line, int byteColumn)
{
    if (text.starts_with("\xEF\xBB\xBF"))
        text.remove_prefix(3);
    if (byteColumn < 0)
        return byteColumn + 1;
    const std::string_view here = lineAt(text, line);
    const std::string_view before =
        here.substr(0, std::min<std::size_t>(static_cast<std::size_t>(byteColumn), here.size()));
    const auto starts = std::count_if(before.begin(), before.end(),
                                      [](char b) { return (static_cast<unsigned char>(b) & 0xC0) != 0x80; });
    // A column past the line's end (yaml-cpp's at a line break, or on a line past the text) stays that many past it.
    return static_cast<int>(starts) + (byteColumn - static_cast<int>(before.size())) + 1;
}

struct ValueScan {
    struct Spot {
        int line;   // 0-based, as yaml-cpp counts
        int column; // 0-based, in bytes, as yaml-cpp counts
        char bracket;
    };
    std::optional<Spot> unclosedQuote; // bracket holds the quote
    std::vector<Spot> openFlows;       // innermost last
};

// The column where a line's node starts: past its indentation and any "- " of list items ("  - notes: |" gives 4,
// the key's). A block scalar's lines are the ones indented deeper than that.
std::size_t nodeIndent(const std::string& text, std::size_t lineStart)
{
    std::size_t p = lineStart, node = lineStart;
    for (;;) {
        while (p < text.size() && text[p] == ' ')
            ++p;
        if (p + 1 < text.size() && text[p] == '-' && (text[p + 1] == ' ' || text[p + 1] == '\t')) {
            node = p; // "- |": the list item's own indentation, if the scalar is the item
            p += 2;
            continue;
        }
        break;
    }
    return (p < text.size() && (text[p] == '|' || text[p] == '>') ? node : p) - lineStart;
}

// A block scalar indicator ('|' or '>', then chomping and indentation indicators) ending its line, or a comment.
bool blockIndicatorAt(const std::string& text, std::size_t i)
{
    if (text[i] != '|' && text[i] != '>')
        return false;
    std::size_t p = i + 1;
    while (p < text.size() && (text[p] == '+' || text[p] == '-' || (text[p] >= '1' && text[p] <= '9')))
        ++p;
    while (p < text.size() && (text[p] == ' ' || text[p] == '\t'))
        ++p;
    return p >= text.size() || text[p] == '\n' || text[p] == '\r' ||
           (text[p] == '#' && p > i + 1 && text[p - 1] == ' ');
}

ValueScan scanValues(const std::string& text)
{
    ValueScan scan;
    const std::size_t bom = text.starts_with("\xEF\xBB\xBF") ? 3 : 0;
    int line = 0;
    std::size_t lineStart = bom; // yaml-cpp counts the first line's columns after the mark
    char before = '\n';          // the last character on this line that is not a space ('\n' at its start)
    constexpr std::size_t kNoBlock = std::string::npos;
    std::size_t blockIndent = kNoBlock; // inside a block scalar: lines deeper than this are its text
    const auto column = [&](std::size_t i) { return static_cast<int>(i - lineStart); };
    // An indicator only where YAML reads one: ':' and '-' followed by a space or the line's end ("x-'y" and
    // "a:'b" are plain text), ',' only inside a flow ("INR, 'rupee" is one plain value).
    const auto separated = [&](std::size_t i) {
        return i + 1 >= text.size() || text[i + 1] == ' ' || text[i + 1] == '\t' || text[i + 1] == '\n' ||
               text[i + 1] == '\r';
    };
    for (std::size_t i = bom; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '\n') {
            ++line;
            lineStart = i + 1;
            before = '\n';
            if (blockIndent != kNoBlock) {
                std::size_t p = lineStart;
                while (p < text.size() && text[p] == ' ')
                    ++p;
                const bool blank = p >= text.size() || text[p] == '\n' || text[p] == '\r';
                if (blank || p - lineStart > blockIndent) {
                    i = std::min(text.find('\n', lineStart), text.size()) - 1; // the text of the block: skipped
                    continue;
                }
                blockIndent = kNoBlock;
            }
            continue;
        }
        const bool inFlow = !scan.openFlows.empty();
        const bool valueStart = before == '\n' || before == ':' || before == '-' || before == '[' || before == '{' ||
                                (before == ',' && inFlow);
        if (c == '#' && (before == '\n' || text[i - 1] == ' ' || text[i - 1] == '\t')) {
            i = std::min(text.find('\n', i), text.size()) - 1; // to the end of the line
            continue;
        }
        if ((c == '"' || c == '\'') && valueStart) {
            const std::size_t close = closingQuote(text, i);
            if (close == std::string::npos) {
                scan.unclosedQuote = ValueScan::Spot{line, column(i), c};
                return scan;
            }
            i = close;
            before = c;
            continue;
        }
        if (valueStart && !inFlow && (before == ':' || before == '-' || before == '\n') && blockIndicatorAt(text, i)) {
            blockIndent = nodeIndent(text, lineStart);
            i = std::min(text.find('\n', i), text.size()) - 1;
            continue;
        }
        if ((c == '[' || c == '{') && (valueStart || inFlow))
            scan.openFlows.push_back({line, column(i), c});
        else if ((c == ']' || c == '}') && inFlow)
            scan.openFlows.pop_back();
        if (c == ' ' || c == '\t' || c == '\r')
            continue;
        if ((c == ':' || c == '-') && !inFlow && !separated(i))
            before = 'a'; // part of a plain value
        else if (c == ':' && inFlow && !separated(i) && i + 1 < text.size() && text[i + 1] != ',' &&
                 text[i + 1] != '}' && text[i + 1] != ']')
            before = 'a';
        else
            before = c;
    }
    return scan;
}

// Where the last flow collection opened with `opener` ('[' or '{') and never closed starts, as a 1-based line and
// column: yaml-cpp reports one at the end of the file, which in a long config says nothing of where to look.
std::optional<std::pair<int, int>> unclosedFlow(const std::string& text, char opener)
{
    const ValueScan scan = scanValues(text);
    if (scan.unclosedQuote)
        return std::nullopt; // the quote is the cause, and is reported
    for (auto it = scan.openFlows.rbegin(); it != scan.openFlows.rend(); ++it)
        if (it->bracket == opener)
            return std::pair{it->line + 1, characterColumn(text, it->line, it->column)};
    return std::nullopt;
}

std::string unclosedQuoteMessage(char quote)
{
    return std::string("the string opened by ") + (quote == '"' ? "a double" : "a single") +
           " quote here is not closed on its line (is the closing quote missing? for text over several lines use '>-')";
}

// yaml-cpp's words for the syntax errors people make most, said in terms of their file: "illegal map value" was the
// whole message for a key without its ':' on the line above. Each is said only where the file shows that cause; else,
// and after them in parentheses, yaml-cpp's own words.
std::string plainSyntaxError(const std::string& message, const std::string& text, const YAML::Mark& mark)
{
    if (mark.line < 0)
        return message;
    const std::string_view here = lineAt(text, mark.line);
    const std::size_t indent = here.find_first_not_of(" ");
    const auto column = static_cast<std::size_t>(std::max(mark.column, 0));
    std::string plain;
    if (message == "illegal map value") {
        // "label: HDFC outage: 91": a second ': ' inside a value on the same line.
        const std::size_t first = here.find(": ");
        if (first != std::string_view::npos && first < column && column <= here.size()) {
            plain = "this line holds a second ': ' inside its value; put the value in quotes";
        } else if (mark.line > 0) {
            int above = mark.line - 1; // the line above, past blank lines and comments
            const auto skip = [](std::string_view l) {
                const std::size_t at = l.find_first_not_of(" \t");
                return at == std::string_view::npos || l[at] == '#';
            };
            while (above > 0 && skip(lineAt(text, above)))
                --above;
            const std::string_view prev = lineAt(text, above);
            const std::size_t start = std::min(prev.find_first_not_of(" \t"), prev.size());
            const std::string quoted =
                "line " + std::to_string(above + 1) + " ('" + std::string(prev.substr(start)) + "')";
            plain = prev.find(':') == std::string_view::npos
                        ? quoted + " has no ':' after its key, so this line is read as more of its text"
                        : "this line is indented deeper than " + quoted +
                              ", so it is read as more of that line's value; indent it as the keys beside it are";
        }
    } else if ((message == "end of map not found" || message == "end of sequence not found") && indent == column) {
        // Only where the line itself starts at the mark: the same words come for text after a quoted value.
        plain = message == "end of map not found"
                    ? "the indentation here matches none of the keys above it (the keys of one map start in the same "
                      "column)"
                    : "the indentation here matches neither the list above it nor its items' keys (the keys of a list "
                      "item line up under its first key)";
    } else if (message == "end of map flow not found" || message == "end of sequence flow not found") {
        const char opener = message == "end of map flow not found" ? '{' : '[';
        const std::string brackets = opener == '{' ? "'{' opened" : "'[' opened";
        const std::string closer = opener == '{' ? "'}'" : "']'";
        const auto where = unclosedFlow(text, opener);
        plain = where ? "the " + brackets + " on line " + std::to_string(where->first) + ", column " +
                            std::to_string(where->second) + " is not closed with " + closer
                      : "a " + brackets + " above is not closed with " + closer;
    }
    return plain.empty() ? message : plain + " (yaml-cpp: " + message + ")";
}

// A value quoted in a message, cut to its start: a CSV given as a config was quoted whole, 7 KB on one line, and a
// string left open by a missing quote runs on over the lines below it.
std::string quoted(const std::string& text)
{
    constexpr std::size_t kShown = 60;
    const std::size_t lineBreak = text.find_first_of("\r\n");
    if (text.size() <= kShown + 20 && lineBreak == std::string::npos)
        return text;
    std::size_t cut = std::min(kShown, lineBreak);
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) // not inside a UTF-8 character
        --cut;
    return text.substr(0, cut) + "... (" + std::to_string(text.size()) + " bytes)";
}

} // namespace

std::string describeNode(const YAML::Node& node)
{
    switch (node.Type()) {
    case YAML::NodeType::Undefined:
    case YAML::NodeType::Null:
        return "an empty value";
    case YAML::NodeType::Sequence:
        return "a list";
    case YAML::NodeType::Map:
        return "a map";
    case YAML::NodeType::Scalar:
        break;
    }
    if (node.Tag() == "!")
        return "the string \"" + quoted(node.Scalar()) + "\"";
    return "'" + quoted(node.Scalar()) + "'";
}

YAML::Mark YamlReader::Entry::valueMark() const
{
    // yaml-cpp places an empty value at the next token, often on the following line: point at the key instead.
    return value.IsNull() ? keyMark : markOr(value, keyMark);
}

const YamlReader::Entry* YamlReader::MapView::find(std::string_view key) const
{
    auto it = std::find_if(entries.begin(), entries.end(), [&](const Entry& e) { return e.key == key; });
    return it == entries.end() ? nullptr : &*it;
}

YAML::Mark YamlReader::MapView::markOf(std::string_view key) const
{
    const Entry* e = find(key);
    return e ? e->keyMark : mark;
}

YamlReader::YamlReader(std::string sourceName) : m_source(std::move(sourceName)) {}

std::pair<int, int> YamlReader::position(const YAML::Mark& at) const
{
    auto [line, column] = lineAndColumn(at);
    if (isValid(at) && !m_text.empty())
        column = characterColumn(m_text, at.line, at.column);
    return {line, column};
}

std::string YamlReader::where(const YAML::Mark& at) const
{
    const auto [line, column] = position(at);
    return m_source + ":" + std::to_string(line) + ":" + std::to_string(column);
}

void YamlReader::error(const YAML::Mark& at, const std::string& message)
{
    const auto [line, column] = position(at);
    m_errors.push_back({line, column, where(at) + ": " + message});
}

Error YamlReader::takeError() const
{
    std::vector<Diagnostic> sorted = m_errors;
    std::stable_sort(sorted.begin(), sorted.end(), [](const Diagnostic& a, const Diagnostic& b) {
        return a.line != b.line ? a.line < b.line : a.column < b.column;
    });
    std::string text;
    for (const auto& d : sorted) {
        if (!text.empty())
            text += '\n';
        text += d.text;
    }
    return Error{text};
}

std::string YamlReader::join(const std::string& path, std::string_view key)
{
    return path.empty() ? std::string(key) : path + "." + std::string(key);
}

std::string YamlReader::label(const std::string& path)
{
    return path.empty() ? std::string() : path + ": ";
}

std::optional<YAML::Node> YamlReader::load(const std::string& text)
{
    m_text = text;
    try {
        std::vector<YAML::Node> docs = YAML::LoadAll(text);
        if (docs.empty())
            return YAML::Node(YAML::NodeType::Null);
        if (docs.size() > 1) {
            const YAML::Mark second = markOr(docs[1], YAML::Mark());
            // Without a '---' the second "document" is a top-level key out of line with the first: yaml-cpp ends the
            // first document at the dedent, and "remove the extra '---'" named a line the file does not have.
            const bool separator = text.starts_with("---") || text.find("\n---") != std::string::npos;
            if (separator)
                error(second, "only one YAML document is allowed, found " + std::to_string(docs.size()) +
                                  " (remove the extra '---')");
            else
                error(second, "this key starts in column " + std::to_string(second.column + 1) +
                                  " and the first key of the file in column " +
                                  std::to_string(markOr(docs[0], YAML::Mark()).column + 1) +
                                  ": top-level keys start in the same column");
        }
        checkQuotes(docs.front(), text);
        return docs.front();
    } catch (const YAML::ParserException& e) {
        // A tab in the indentation is the cause whatever yaml-cpp calls it: its hint, not a guess at another cause.
        const std::string tab = tabHint(text, e.mark);
        // A quote left open at or above the failure is: yaml-cpp read on to the next quote, lines below, and failed
        // where that left it ("end of map not found" 49 lines under the missing quote).
        const std::optional<ValueScan::Spot> quote = scanValues(text).unclosedQuote;
        if (tab.empty() && quote && (e.mark.line < 0 || quote->line <= e.mark.line)) {
            YAML::Mark at;
            at.line = quote->line;
            at.column = quote->column;
            error(at, "syntax error: " + unclosedQuoteMessage(quote->bracket) + " (yaml-cpp: " + e.msg +
                          (e.mark.line >= 0 ? ", at line " + std::to_string(e.mark.line + 1) : std::string()) + ")");
        } else {
            error(e.mark, "syntax error: " + (tab.empty() ? plainSyntaxError(e.msg, text, e.mark) : e.msg) + tab);
        }
    } catch (const YAML::Exception& e) {
        error(e.mark, "cannot read YAML: " + e.msg);
    }
    return std::nullopt;
}

void YamlReader::checkQuotes(const YAML::Node& node, const std::string& text)
{
    // yaml-cpp lets a quoted string run on to the end of the file when its closing quote is missing: every key after
    // it becomes part of the string, and the file still reads as valid. No value here spans lines, so a quoted one
    // must close on the line it opens on.
    if (node.IsScalar()) {
        const YAML::Mark m = node.Mark();
        // yaml-cpp counts positions after a byte order mark, which it drops.
        const std::size_t bom = text.starts_with("\xEF\xBB\xBF") ? 3 : 0;
        if (m.pos < 0 || static_cast<std::size_t>(m.pos) + bom >= text.size())
            return;
        auto pos = static_cast<std::size_t>(m.pos) + bom;
        // An anchor or a tag comes first (&c "INR", !!str "INR"): the scalar is after them.
        while (pos < text.size() && (text[pos] == '&' || text[pos] == '!')) {
            while (pos < text.size() && text[pos] != ' ' && text[pos] != '\t' && text[pos] != '\n')
                ++pos;
            while (pos < text.size() && (text[pos] == ' ' || text[pos] == '\t'))
                ++pos;
        }
        if (pos >= text.size())
            return;
        if ((text[pos] == '"' || text[pos] == '\'') && closingQuote(text, pos) == std::string::npos)
            error(m, unclosedQuoteMessage(text[pos]));
        return;
    }
    if (node.IsMap()) {
        for (const auto& pair : node) {
            checkQuotes(pair.first, text);
            checkQuotes(pair.second, text);
        }
    } else if (node.IsSequence()) {
        for (const auto& item : node)
            checkQuotes(item, text);
    }
}

YamlReader::MapView YamlReader::map(const YAML::Node& node, const YAML::Mark& fallback, const std::string& path,
                                    const std::vector<std::string_view>& known)
{
    MapView view;
    view.mark = markOr(node, fallback);
    // `section:` with nothing under it (or every key commented out) means "all defaults".
    if (!node.IsDefined() || node.IsNull()) {
        view.valid = true;
        return view;
    }
    if (!node.IsMap()) {
        error(view.mark, label(path) + "expected a map of keys, got " + describeNode(node));
        return view;
    }
    view.valid = true;
    for (const auto& pair : node) {
        // Copies, not references: yaml-cpp's iterator hands out a proxy (and GCC 12 flags references into it).
        const YAML::Node keyNode = pair.first;
        const YAML::Node valueNode = pair.second;
        const YAML::Mark keyMark = markOr(keyNode, view.mark);
        if (!keyNode.IsScalar()) {
            error(keyMark, label(path) + "expected a plain key, got " + describeNode(keyNode));
            continue;
        }
        Entry e{keyNode.Scalar(), keyMark, valueNode};
        if (std::find(known.begin(), known.end(), e.key) == known.end()) {
            std::string msg = label(path) + "unknown key '" + e.key + "'";
            if (auto s = suggestKey(e.key, known))
                msg += " (did you mean '" + *s + "'?)";
            else if (known.size() <= 12)
                msg += " (expected one of: " + joinWords(known) + ")";
            error(keyMark, msg);
            continue;
        }
        if (const Entry* first = view.find(e.key)) {
            error(keyMark, label(path) + "duplicate key '" + e.key + "' (first given at line " +
                               std::to_string(first->keyMark.line + 1) + ")");
            continue;
        }
        view.entries.push_back(std::move(e));
    }
    return view;
}

bool YamlReader::sequence(const YAML::Node& node, const YAML::Mark& fallback, const std::string& path)
{
    if (node.IsSequence())
        return true;
    error(markOr(node, fallback), label(path) + "expected a list, got " + describeNode(node));
    return false;
}

bool YamlReader::plainScalar(const Entry& e, const std::string& path, std::string_view expected)
{
    const YAML::Node& v = e.value;
    // Quoted scalars carry the "!" tag: "0.5" in quotes is a string, and a typed config says so.
    if (v.IsScalar() && v.Tag() != "!" && v.Tag() != "tag:yaml.org,2002:str")
        return true;
    error(e.valueMark(), label(path) + "expected " + std::string(expected) + ", got " + describeNode(v));
    return false;
}

std::optional<double> YamlReader::number(const Entry& e, const std::string& path, const Range& range)
{
    if (!plainScalar(e, path, "a number"))
        return std::nullopt;
    const std::string& text = e.value.Scalar();
    const auto v = parseDouble(text);
    const DoubleRange outside = v ? DoubleRange::Fits : doubleRangeOf(text);
    if (outside == DoubleRange::TooSmall) { // "1e-400": well formed, but no double but 0 is that close to 0
        error(e.valueMark(), label(path) + text + " is too close to 0 to hold; " +
                                 (range.contains(0) ? std::string("write 0 or a larger number")
                                                    : "write a number " + range.describe()));
        return std::nullopt;
    }
    if (!v && outside == DoubleRange::Fits) {
        error(e.valueMark(), label(path) + "expected a number, got '" + quoted(text) + "'");
        return std::nullopt;
    }
    if (!v || !range.contains(*v)) { // "1e999" is a number, only too large
        error(e.valueMark(), label(path) + text + " is out of range (must be " + range.describe() + ")");
        return std::nullopt;
    }
    return v;
}

std::optional<std::int64_t> YamlReader::integer(const Entry& e, const std::string& path, const Range& range,
                                                std::int64_t lo, std::int64_t hi)
{
    if (!plainScalar(e, path, "an integer"))
        return std::nullopt;
    const std::string& text = e.value.Scalar();
    const auto outOfRange = [&] {
        // Name the storage limits only where they are what actually applies (a byte, an int), never int64's.
        Range shown = range;
        if (lo > std::numeric_limits<std::int64_t>::min() && static_cast<double>(lo) > shown.min)
            shown = {static_cast<double>(lo), shown.max, false, shown.maxExclusive};
        if (hi < std::numeric_limits<std::int64_t>::max() && static_cast<double>(hi) < shown.max)
            shown = {shown.min, static_cast<double>(hi), shown.minExclusive, false};
        error(e.valueMark(), label(path) + quoted(text) + " is out of range (must be " + shown.describe() + ")");
    };
    std::optional<std::int64_t> v = parseInt(text);
    if (!v) {
        // 3e5 is a fine way to write 300000 ms; 2.5 cycles is not an integer. A whole number past what a double
        // holds exactly (99999999999999999999) is one, only too large.
        const auto d = parseDouble(text);
        if (!d && doubleRangeOf(text) == DoubleRange::TooLarge) { // "1e999"
            outOfRange();
            return std::nullopt;
        }
        if (d && std::isfinite(*d) && std::trunc(*d) == *d) {
            if (std::fabs(*d) >= 9.0e15) {
                outOfRange();
                return std::nullopt;
            }
            v = static_cast<std::int64_t>(*d);
        }
    }
    if (!v) {
        error(e.valueMark(), label(path) + "expected an integer, got '" + quoted(text) + "'");
        return std::nullopt;
    }
    if (*v < lo || *v > hi || !range.contains(static_cast<double>(*v))) {
        outOfRange();
        return std::nullopt;
    }
    return v;
}

std::optional<std::string> YamlReader::string(const Entry& e, const std::string& path, bool nonEmpty,
                                              const std::vector<std::string_view>& oneOf)
{
    if (!e.value.IsScalar()) {
        error(e.valueMark(), label(path) + "expected a string, got " + describeNode(e.value));
        return std::nullopt;
    }
    std::string text = e.value.Scalar();
    if (nonEmpty && text.empty()) {
        error(e.valueMark(), label(path) + "must not be empty");
        return std::nullopt;
    }
    if (!oneOf.empty() && std::find(oneOf.begin(), oneOf.end(), text) == oneOf.end()) {
        std::string msg = label(path) + "'" + quoted(text) + "' is not one of " + joinWords(oneOf);
        if (auto s = suggestKey(text, oneOf))
            msg += " (did you mean '" + *s + "'?)";
        error(e.valueMark(), msg);
        return std::nullopt;
    }
    return text;
}

std::optional<bool> YamlReader::boolean(const Entry& e, const std::string& path)
{
    if (!plainScalar(e, path, "true or false"))
        return std::nullopt;
    // YAML 1.2 booleans only: yes/no/on/off are YAML 1.1 and too easy to write by accident (country code NO).
    const std::string& text = e.value.Scalar();
    if (text == "true" || text == "True" || text == "TRUE")
        return true;
    if (text == "false" || text == "False" || text == "FALSE")
        return false;
    error(e.valueMark(), label(path) + "expected true or false, got '" + quoted(text) + "'");
    return std::nullopt;
}

} // namespace payops
