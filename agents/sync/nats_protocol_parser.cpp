#include "nats_protocol_parser.h"

#include <array>
#include <charconv>
#include <string>

namespace payops::sync {

namespace {

bool isSpace(char c)
{
    return c == ' ' || c == '\t';
}

// Splits on runs of spaces/tabs; at most N tokens (the protocol's longest line, HMSG, has 6).
template <std::size_t N> std::size_t tokenize(std::string_view line, std::array<std::string_view, N>& out)
{
    std::size_t count = 0;
    std::size_t i = 0;
    while (i < line.size()) {
        while (i < line.size() && isSpace(line[i]))
            ++i;
        if (i == line.size())
            break;
        const std::size_t start = i;
        while (i < line.size() && !isSpace(line[i]))
            ++i;
        if (count == N)
            return N + 1; // too many
        out[count++] = line.substr(start, i - start);
    }
    return count;
}

bool parseSize(std::string_view text, std::uint64_t& out)
{
    if (text.empty() || text.size() > 19)
        return false;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
    return ec == std::errc() && end == text.data() + text.size();
}

bool equalsUpper(std::string_view word, std::string_view upper)
{
    if (word.size() != upper.size())
        return false;
    for (std::size_t i = 0; i < word.size(); ++i) {
        char c = word[i];
        if (c >= 'a' && c <= 'z')
            c = static_cast<char>(c - 'a' + 'A');
        if (c != upper[i])
            return false;
    }
    return true;
}

std::string_view trimmed(std::string_view s)
{
    while (!s.empty() && isSpace(s.front()))
        s.remove_prefix(1);
    while (!s.empty() && isSpace(s.back()))
        s.remove_suffix(1);
    return s;
}

std::string printable(std::string_view s)
{
    std::string out;
    for (const char c : s.substr(0, 60))
        out += (c >= 0x20 && c < 0x7f) ? c : '?';
    if (s.size() > 60)
        out += "...";
    return out;
}

} // namespace

void NatsProtocolParser::reset()
{
    m_buffer.clear();
    m_pos = 0;
    m_consumed = 0;
    m_error.clear();
    m_awaitingBody = false;
    m_pending = {};
}

bool NatsProtocolParser::fail(std::string message)
{
    m_error = "NATS protocol error at byte " + std::to_string(m_consumed) + ": " + std::move(message);
    return false;
}

bool NatsProtocolParser::parseControlLine(std::string_view line, NatsFrame& frame, std::size_t& bodyBytes,
                                          std::size_t& headerBytes)
{
    bodyBytes = 0;
    headerBytes = 0;
    std::size_t opEnd = 0;
    while (opEnd < line.size() && !isSpace(line[opEnd]))
        ++opEnd;
    const std::string_view op = line.substr(0, opEnd);
    const std::string_view rest = line.substr(opEnd);

    if (equalsUpper(op, "PING") && trimmed(rest).empty()) {
        frame.op = NatsOp::Ping;
        return true;
    }
    if (equalsUpper(op, "PONG") && trimmed(rest).empty()) {
        frame.op = NatsOp::Pong;
        return true;
    }
    if (equalsUpper(op, "+OK") && trimmed(rest).empty()) {
        frame.op = NatsOp::Ok;
        return true;
    }
    if (equalsUpper(op, "INFO")) {
        frame.op = NatsOp::Info;
        frame.text = std::string(trimmed(rest));
        return true;
    }
    if (equalsUpper(op, "-ERR")) {
        frame.op = NatsOp::Err;
        std::string_view reason = trimmed(rest);
        if (reason.size() >= 2 && reason.front() == '\'' && reason.back() == '\'')
            reason = reason.substr(1, reason.size() - 2);
        frame.text = std::string(reason);
        return true;
    }
    const bool isMsg = equalsUpper(op, "MSG");
    const bool isHmsg = equalsUpper(op, "HMSG");
    if (!isMsg && !isHmsg)
        return fail("unknown operation '" + printable(line) + "'");

    std::array<std::string_view, 5> args;
    const std::size_t n = tokenize(rest, args);
    const std::size_t sizes = isHmsg ? 2 : 1; // trailing size fields
    if (n < 2 + sizes || n > 3 + sizes)
        return fail(std::string(isHmsg ? "HMSG" : "MSG") + " needs subject, sid, [reply-to] and " +
                    (isHmsg ? "header and total sizes" : "a size") + ": '" + printable(line) + "'");
    std::uint64_t sid = 0;
    if (!parseSize(args[1], sid))
        return fail("bad subscription id in '" + printable(line) + "'");
    std::uint64_t total = 0;
    std::uint64_t header = 0;
    if (!parseSize(args[n - 1], total) || (isHmsg && !parseSize(args[n - 2], header)))
        return fail("bad size in '" + printable(line) + "'");
    if (isHmsg && header > total)
        return fail("header size exceeds total size in '" + printable(line) + "'");
    if (total > kMaxMessageBytes)
        return fail("message of " + std::to_string(total) + " bytes exceeds the limit");
    frame.op = NatsOp::Msg;
    frame.subject = std::string(args[0]);
    frame.sid = sid;
    if (n == 3 + sizes)
        frame.replyTo = std::string(args[2]);
    bodyBytes = static_cast<std::size_t>(total);
    headerBytes = static_cast<std::size_t>(header);
    return true;
}

bool NatsProtocolParser::feed(std::string_view bytes, const Sink& sink)
{
    if (failed())
        return false;
    // Nothing pending (the usual case between frames): parse straight from the caller's bytes and keep only an
    // unfinished tail, so a multi-megabyte frame is not copied once more.
    if (m_pos > 0) {
        m_buffer.erase(0, m_pos);
        m_pos = 0;
    }
    const bool direct = m_buffer.empty();
    if (!direct)
        m_buffer.append(bytes.data(), bytes.size());
    const std::string_view input = direct ? bytes : std::string_view(m_buffer);
    std::size_t pos = 0;
    const bool ok = parse(input, pos, sink);
    if (direct)
        m_buffer.assign(input.substr(pos));
    else
        m_pos = pos;
    return ok;
}

bool NatsProtocolParser::parse(std::string_view input, std::size_t& pos, const Sink& sink)
{
    while (true) {
        const std::string_view avail = input.substr(pos);
        if (m_awaitingBody) {
            if (avail.size() < m_pendingBody + 2)
                return true;
            if (avail[m_pendingBody] != '\r' || avail[m_pendingBody + 1] != '\n')
                return fail("message body of " + std::to_string(m_pendingBody) + " bytes is not followed by CRLF");
            m_pending.headers.assign(avail.data(), m_pendingHeader);
            m_pending.payload.assign(avail.data() + m_pendingHeader, m_pendingBody - m_pendingHeader);
            pos += m_pendingBody + 2;
            m_consumed += m_pendingBody + 2;
            m_awaitingBody = false;
            NatsFrame out = std::move(m_pending);
            m_pending = {};
            sink(std::move(out));
            continue;
        }
        const std::size_t eol = avail.find('\n');
        if (eol == std::string_view::npos) {
            if (avail.size() > kMaxControlLine)
                return fail("control line longer than " + std::to_string(kMaxControlLine) + " bytes");
            return true;
        }
        if (eol > kMaxControlLine)
            return fail("control line longer than " + std::to_string(kMaxControlLine) + " bytes");
        std::string_view line = avail.substr(0, eol);
        if (!line.empty() && line.back() == '\r')
            line.remove_suffix(1);
        NatsFrame frame;
        std::size_t body = 0;
        std::size_t header = 0;
        if (!parseControlLine(line, frame, body, header))
            return false;
        pos += eol + 1;
        m_consumed += eol + 1;
        if (frame.op == NatsOp::Msg) {
            m_pending = std::move(frame);
            m_pendingBody = body;
            m_pendingHeader = header;
            m_awaitingBody = true;
            continue;
        }
        sink(std::move(frame));
    }
}

} // namespace payops::sync
