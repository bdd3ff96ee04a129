#pragma once
// UUIDv7 (RFC 9562): 48-bit Unix milliseconds then random bits, so command ids sort by creation time. Qt 6.4's
// QUuid has no v7 generator.

#include <cstdint>
#include <string>

namespace payops::sync {

std::string uuidV7(std::int64_t unixMs);

} // namespace payops::sync
