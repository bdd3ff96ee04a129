// libFuzzer target for the NATS protocol parser (SYNC.md 5.6 case 9). Property: however the bytes are split into
// WebSocket frames, the parser hands out exactly the operations it hands out for the whole input, and fails (or
// not) the same way. The first input byte picks the split pattern. Built with -fsanitize=fuzzer under clang
// (preset "fuzz"); with other compilers fuzz_nats_parser_replay runs it over a generated corpus in CTest.
#include "sync/nats_protocol_parser.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>
#include <vector>

namespace {

using payops::sync::NatsFrame;
using payops::sync::NatsProtocolParser;

struct Outcome {
    std::vector<NatsFrame> frames;
    bool failed = false;
};

Outcome parse(std::string_view input, std::size_t pattern)
{
    Outcome out;
    NatsProtocolParser p;
    std::size_t pos = 0;
    std::size_t step = 0;
    while (pos < input.size()) {
        std::size_t n = input.size() - pos;
        if (pattern != 0) // sizes 1..pattern, varying, so splits land everywhere
            n = std::min(n, 1 + (step++ * 7919 + pattern) % pattern);
        if (!p.feed(input.substr(pos, n), [&](NatsFrame&& f) { out.frames.push_back(std::move(f)); })) {
            out.failed = true;
            break;
        }
        pos += n;
    }
    return out;
}

bool same(const NatsFrame& a, const NatsFrame& b)
{
    return a.op == b.op && a.text == b.text && a.subject == b.subject && a.sid == b.sid && a.replyTo == b.replyTo &&
           a.headers == b.headers && a.payload == b.payload;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    if (size == 0)
        return 0;
    const std::size_t pattern = data[0] % 64;
    const std::string_view input(reinterpret_cast<const char*>(data + 1), size - 1);
    const Outcome whole = parse(input, 0);
    const Outcome split = parse(input, pattern == 0 ? 1 : pattern);
    if (whole.failed != split.failed || whole.frames.size() != split.frames.size())
        std::abort();
    for (std::size_t i = 0; i < whole.frames.size(); ++i)
        if (!same(whole.frames[i], split.frames[i]))
            std::abort();
    return 0;
}
