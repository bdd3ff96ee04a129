#include "transaction_codec.h"

#include <cstring>

namespace payops {

namespace {

constexpr std::size_t kRecordSize = 38;

template <typename T> void put(std::string& out, T value)
{
    auto u = static_cast<std::make_unsigned_t<T>>(value);
    for (std::size_t i = 0; i < sizeof(T); ++i)
        out.push_back(static_cast<char>((u >> (8 * i)) & 0xFF));
}

template <typename T> T get(const unsigned char*& p)
{
    std::make_unsigned_t<T> u = 0;
    for (std::size_t i = 0; i < sizeof(T); ++i)
        u |= static_cast<std::make_unsigned_t<T>>(static_cast<std::make_unsigned_t<T>>(p[i]) << (8 * i));
    p += sizeof(T);
    return static_cast<T>(u);
}

} // namespace

std::string encodeTransactions(std::span<const Transaction> transactions)
{
    std::string out;
    out.reserve(transactions.size() * kRecordSize);
    for (const auto& t : transactions) {
        put(out, t.id);
        put(out, t.timestampMs);
        put(out, t.amountMinor);
        put(out, t.latencyMs);
        put(out, t.issuer);
        put(out, t.merchant);
        put(out, t.method);
        put(out, static_cast<std::uint8_t>(t.outcome));
        put(out, t.errorCode);
        put(out, t.retries);
        put(out, t.currency);
        put(out, t.geography);
    }
    return out;
}

Result<std::vector<Transaction>> decodeTransactions(const std::string& bytes)
{
    if (bytes.size() % kRecordSize != 0)
        return Error{"window chunk of " + std::to_string(bytes.size()) + " bytes is not a whole number of records"};
    std::vector<Transaction> out(bytes.size() / kRecordSize);
    const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
    for (auto& t : out) {
        t.id = get<std::uint64_t>(p);
        t.timestampMs = get<std::int64_t>(p);
        t.amountMinor = get<std::int64_t>(p);
        t.latencyMs = get<std::uint32_t>(p);
        t.issuer = get<std::uint16_t>(p);
        t.merchant = get<std::uint16_t>(p);
        t.method = get<std::uint8_t>(p);
        const auto outcome = get<std::uint8_t>(p);
        if (outcome > 2)
            return Error{"window chunk holds an invalid outcome " + std::to_string(outcome)};
        t.outcome = static_cast<Outcome>(outcome);
        t.errorCode = get<std::uint8_t>(p);
        t.retries = get<std::uint8_t>(p);
        t.currency = get<std::uint8_t>(p);
        t.geography = get<std::uint8_t>(p);
    }
    return out;
}

} // namespace payops
