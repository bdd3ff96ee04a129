#include "uuid_v7.h"

#include <QRandomGenerator>
#include <array>
#include <cstdio>

namespace payops::sync {

std::string uuidV7(std::int64_t unixMs)
{
    std::array<std::uint8_t, 16> b{};
    const auto ms = static_cast<std::uint64_t>(unixMs);
    for (int i = 0; i < 6; ++i)
        b[static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(ms >> (40 - 8 * i));
    for (std::size_t i = 6; i < 16; ++i)
        b[i] = static_cast<std::uint8_t>(QRandomGenerator::system()->bounded(256));
    b[6] = static_cast<std::uint8_t>(0x70 | (b[6] & 0x0f)); // version 7
    b[8] = static_cast<std::uint8_t>(0x80 | (b[8] & 0x3f)); // variant 10
    char out[37];
    std::snprintf(out, sizeof out, "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", b[0], b[1],
                  b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15]);
    return out;
}

} // namespace payops::sync
