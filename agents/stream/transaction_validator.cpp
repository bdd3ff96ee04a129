#include "transaction_validator.h"

#include "core/json_error.h"
#include "core/logging.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <nlohmann/json.hpp>
#include <optional>
#include <string_view>

namespace payops {

namespace {

std::string num(double v)
{
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.15g", v);
    return buf;
}

std::string inQuotes(std::string_view s)
{
    return "\"" + std::string(s) + "\"";
}

// Why `v` cannot be a whole number in [0, max], or nullopt when it can.
std::optional<std::string> wholeNumberProblem(const char* field, double v, double max)
{
    if (!std::isfinite(v))
        return std::string(field) + " " + num(v) + " is not finite";
    if (v < 0)
        return std::string(field) + " " + num(v) + " is negative";
    if (v != std::floor(v))
        return std::string(field) + " " + num(v) + " is not a whole number";
    if (v > max)
        return std::string(field) + " " + num(v) + " exceeds " + num(max);
    return std::nullopt;
}

std::optional<Outcome> outcomeFromName(std::string_view s)
{
    if (s == "success")
        return Outcome::Success;
    if (s == "soft_fail")
        return Outcome::SoftFail;
    if (s == "hard_fail")
        return Outcome::HardFail;
    return std::nullopt;
}

// "merchant_7" -> 7; nullopt for anything else, including "merchant_07" and "merchant_0", so that two different
// names never share a numeric id.
std::optional<std::uint16_t> numberedMerchant(std::string_view s)
{
    constexpr std::string_view prefix = "merchant_";
    if (s.size() <= prefix.size() || s.substr(0, prefix.size()) != prefix)
        return std::nullopt;
    const std::string_view digits = s.substr(prefix.size());
    if (digits.size() > 5 || digits.front() == '0')
        return std::nullopt;
    std::uint32_t n = 0;
    for (char c : digits) {
        if (c < '0' || c > '9')
            return std::nullopt;
        n = n * 10 + static_cast<std::uint32_t>(c - '0');
    }
    if (n > TransactionValidator::kNumberedMerchantMax)
        return std::nullopt; // a name like any other: it gets an id from the named range

    return static_cast<std::uint16_t>(n);
}

std::uint64_t transactionId(std::string_view s)
{
    if (s.size() <= 19 && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return std::stoull(std::string(s));    // at most 19 digits: always fits
    std::uint64_t h = 14695981039346656037ULL; // FNV-1a 64
    for (unsigned char c : s) {
        h ^= c;
        h *= 1099511628211ULL;
    }
    return h;
}

bool fits(const NameTable& table, std::string_view name)
{
    return table.find(name) || table.size() < table.capacity();
}

} // namespace

TransactionValidator::TransactionValidator(Dictionary& dict, std::vector<std::string> allowedMethods,
                                           TimeMs futureToleranceMs)
    : m_dict(dict), m_allowedMethods(std::move(allowedMethods)),
      m_futureToleranceMs(std::max<TimeMs>(0, futureToleranceMs))
{
}

Error TransactionValidator::reject(const TransactionRecord& record, const char* code, const std::string& reason)
{
    ++m_quality.rejected;
    ++m_quality.rejectedByReason[code];
    qCDebug(lcStream) << "rejected transaction" << QString::fromStdString(record.id) << code
                      << QString::fromStdString(reason);
    return Error{reason};
}

Result<Transaction> TransactionValidator::validate(const TransactionRecord& r, TimeMs nowMs)
{
    if (r.id.empty())
        return reject(r, "empty_id", "id is empty");

    const std::optional<Outcome> outcome = outcomeFromName(r.outcome);
    if (!outcome)
        return reject(r, "bad_outcome",
                      "outcome " + inQuotes(r.outcome) + " is not one of success, soft_fail, hard_fail");
    if (*outcome == Outcome::Success && !r.errorCode.empty())
        return reject(r, "success_with_error_code", "a success carries error code " + inQuotes(r.errorCode));
    if (*outcome != Outcome::Success && r.errorCode.empty())
        return reject(r, "failure_without_error_code", "a " + r.outcome + " carries no error code");

    if (auto problem = wholeNumberProblem("latency_ms", r.latencyMs, std::numeric_limits<std::uint32_t>::max()))
        return reject(r, "bad_latency", *problem);
    if (auto problem = wholeNumberProblem("retries", r.retries, std::numeric_limits<std::uint8_t>::max()))
        return reject(r, "bad_retries", *problem);

    if (std::find(m_allowedMethods.begin(), m_allowedMethods.end(), r.method) == m_allowedMethods.end()) {
        std::string allowed;
        for (const auto& m : m_allowedMethods)
            allowed += (allowed.empty() ? "" : ", ") + m;
        return reject(r, "unknown_method", "method " + inQuotes(r.method) + " is not one of " + allowed);
    }
    if (r.issuer.empty())
        return reject(r, "empty_issuer", "issuer is empty");
    if (r.merchant.empty())
        return reject(r, "empty_merchant", "merchant is empty");

    if (!std::isfinite(r.amount))
        return reject(r, "bad_amount", "amount " + num(r.amount) + " is not finite");
    if (r.amount <= 0)
        return reject(r, "bad_amount", "amount " + num(r.amount) + " is not positive");
    const double minor = std::round(r.amount * 100.0);
    // 2^63 is exactly representable; anything at or above it does not fit an int64.
    if (minor >= 9223372036854775808.0)
        return reject(r, "bad_amount", "amount " + num(r.amount) + " is too large");
    if (minor < 1.0)
        return reject(r, "bad_amount", "amount " + num(r.amount) + " rounds to 0 minor units");

    if (r.timestampMs > nowMs + m_futureToleranceMs)
        return reject(r, "future_timestamp",
                      "timestamp_ms " + std::to_string(r.timestampMs) + " is " + std::to_string(r.timestampMs - nowMs) +
                          " ms in the future (tolerance " + std::to_string(m_futureToleranceMs) + " ms)");
    if (r.currency.empty())
        return reject(r, "empty_currency", "currency is empty");

    // Check every table before interning anything, so a rejected record leaves no names behind.
    const std::optional<std::uint16_t> numbered = numberedMerchant(r.merchant);
    const struct {
        const NameTable& table;
        const char* what;
        const std::string& name;
        bool needed;
    } tables[] = {
        {m_dict.issuers, "issuer", r.issuer, true},           {m_dict.methods, "method", r.method, true},
        {m_dict.errorCodes, "error code", r.errorCode, true}, {m_dict.currencies, "currency", r.currency, true},
        {m_dict.geographies, "geography", r.geography, true}, {m_merchants, "merchant", r.merchant, !numbered},
    };
    for (const auto& t : tables) {
        if (t.needed && !fits(t.table, t.name))
            return reject(r, "dictionary_full",
                          "the " + std::string(t.what) + " dictionary is full (" + std::to_string(t.table.capacity()) +
                              " names): cannot add " + inQuotes(t.name));
    }

    Transaction t;
    t.id = transactionId(r.id);
    t.timestampMs = r.timestampMs;
    t.amountMinor = static_cast<std::int64_t>(minor);
    t.latencyMs = static_cast<std::uint32_t>(r.latencyMs);
    t.retries = static_cast<std::uint8_t>(r.retries);
    t.outcome = *outcome;
    // The tables were checked above, and their capacities fit the transaction's field widths.
    t.issuer = *m_dict.issuers.intern(r.issuer);
    t.method = static_cast<std::uint8_t>(*m_dict.methods.intern(r.method));
    t.errorCode = static_cast<std::uint8_t>(*m_dict.errorCodes.intern(r.errorCode)); // "" is id 0
    t.currency = static_cast<std::uint8_t>(*m_dict.currencies.intern(r.currency));
    t.geography = static_cast<std::uint8_t>(*m_dict.geographies.intern(r.geography));
    t.merchant =
        numbered ? *numbered : static_cast<std::uint16_t>(kNumberedMerchantMax + 1 + *m_merchants.intern(r.merchant));
    ++m_quality.accepted;
    return t;
}

nlohmann::json TransactionValidator::saveState() const
{
    return {{"accepted", m_quality.accepted},
            {"rejected", m_quality.rejected},
            {"rejected_by_reason", m_quality.rejectedByReason},
            {"merchants", m_merchants.names()}};
}

Status TransactionValidator::restoreState(const nlohmann::json& state)
{
    try {
        m_quality.accepted = state.at("accepted").get<std::uint64_t>();
        m_quality.rejected = state.at("rejected").get<std::uint64_t>();
        m_quality.rejectedByReason = state.at("rejected_by_reason").get<std::map<std::string, std::uint64_t>>();
        m_merchants = NameTable(kMerchantNameCapacity);
        for (const auto& name : state.at("merchants"))
            (void)m_merchants.intern(name.get<std::string>());
    } catch (const nlohmann::json::exception& e) {
        return Error{std::string("data-quality state is damaged: ") + jsonErrorText(e)};
    }
    return {};
}

} // namespace payops
