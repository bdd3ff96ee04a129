#pragma once
// One payment attempt. Compact (40 bytes) because the window holds up to millions of them; names (issuer,
// method, error code, currency, geography) are small ids into a Dictionary.

#include "core/clock.h"

#include <cstdint>

namespace payops {

enum class Outcome : std::uint8_t { Success = 0, SoftFail = 1, HardFail = 2 };

struct Transaction {
    std::uint64_t id = 0;
    TimeMs timestampMs = 0;
    std::int64_t amountMinor = 0; // amount in minor units (paise, cents)
    std::uint32_t latencyMs = 0;
    std::uint16_t issuer = 0;
    std::uint16_t merchant = 0;
    std::uint8_t method = 0;
    Outcome outcome = Outcome::Success;
    std::uint8_t errorCode = 0; // 0 = none (success)
    std::uint8_t retries = 0;
    std::uint8_t currency = 0;
    std::uint8_t geography = 0;

    bool failed() const { return outcome != Outcome::Success; }
};

} // namespace payops
