#pragma once
// Incremental parser for the NATS client protocol as the server sends it (INFO, MSG, HMSG, PING, PONG, +OK,
// -ERR). WebSocket frames carry no message boundaries (SYNC.md G1): a frame may hold half a control line or a
// hundred messages, so bytes are appended as they come and each complete operation is handed out in order.
//
// Pure standard C++ so the libFuzzer target can drive it without Qt.

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

namespace payops::sync {

enum class NatsOp { Info, Msg, Ping, Pong, Ok, Err };

struct NatsFrame {
    NatsOp op = NatsOp::Ping;
    std::string text; // INFO: the JSON object; -ERR: the reason without quotes
    // MSG / HMSG only
    std::string subject;
    std::uint64_t sid = 0;
    std::string replyTo;
    std::string headers; // raw header block ("NATS/1.0 ...\r\nK: V\r\n\r\n"), empty for MSG
    std::string payload;
};

class NatsProtocolParser {
public:
    // The server's default max_control_line is 4 KiB; allow generous slack for long subjects and INFO.
    static constexpr std::size_t kMaxControlLine = 64 * 1024;
    // A single message larger than this is a protocol violation (the server's max_payload tops out at 64 MiB).
    static constexpr std::size_t kMaxMessageBytes = 64 * 1024 * 1024;

    using Sink = std::function<void(NatsFrame&&)>;

    // Appends bytes and hands every operation that is now complete to sink, in order. Returns false on a
    // protocol violation; error() says what and where, and the parser stays failed until reset(). The sink must
    // not call feed() or reset() (the bytes may still be in use).
    bool feed(std::string_view bytes, const Sink& sink);
    void reset();

    const std::string& error() const { return m_error; }
    bool failed() const { return !m_error.empty(); }
    // Bytes received but not yet part of a complete operation.
    std::size_t bufferedBytes() const { return m_buffer.size() - m_pos; }
    // Total bytes consumed since reset(), for error positions.
    std::uint64_t consumedBytes() const { return m_consumed; }

private:
    bool parse(std::string_view input, std::size_t& pos, const Sink& sink);
    bool parseControlLine(std::string_view line, NatsFrame& frame, std::size_t& bodyBytes, std::size_t& headerBytes);
    bool fail(std::string message);

    std::string m_buffer;
    std::size_t m_pos = 0;
    std::uint64_t m_consumed = 0;
    std::string m_error;
    // A MSG/HMSG whose control line is parsed but whose payload has not fully arrived yet.
    bool m_awaitingBody = false;
    NatsFrame m_pending;
    std::size_t m_pendingBody = 0;   // total bytes after the control line (headers + payload)
    std::size_t m_pendingHeader = 0; // header bytes within it
};

} // namespace payops::sync
