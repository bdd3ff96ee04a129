#pragma once
// A transaction as an external source sends it: names as strings, numbers as the source wrote them. Nothing here
// is trusted yet; TransactionValidator (transaction_validator.h) decides whether it becomes a Transaction.
//
// JSON form (one object per record):
//   {"id": "tx-1", "timestamp_ms": 1767225600000, "outcome": "soft_fail", "error_code": "91",
//    "latency_ms": 240, "retries": 1, "method": "card", "issuer": "HDFC", "merchant": "merchant_7",
//    "amount": 499.5, "currency": "INR", "geography": "IN"}
// Every field is required except error_code, which may be absent or null for a success. A missing or mistyped
// field is an error that names it; the values themselves (a negative latency, an unknown outcome) are judged by
// the validator, so that they are counted as data-quality issues rather than lost as parse errors.

#include "core/result.h"

#include <cstdint>
#include <limits>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace payops {

struct TransactionRecord {
    std::string id;
    std::int64_t timestampMs = 0;
    std::string outcome;   // success | soft_fail | hard_fail
    std::string errorCode; // empty for a success
    double latencyMs = 0;  // doubles so that 12.5 or -3 reach the validator and are rejected with a reason
    double retries = 0;
    std::string method;
    std::string issuer;
    std::string merchant;
    double amount = 0; // major units (rupees, dollars)
    std::string currency;
    std::string geography;
};

namespace detail {

inline const char* jsonTypeName(const nlohmann::json& v)
{
    if (v.is_number_integer() || v.is_number_unsigned())
        return "an integer";
    if (v.is_number_float())
        return "a number with a fraction";
    return v.type_name();
}

inline Error fieldError(const char* field, const char* expected, const nlohmann::json& v)
{
    return Error{std::string("field \"") + field + "\": expected " + expected + ", got " + jsonTypeName(v)};
}

inline Error missingField(const char* field)
{
    return Error{std::string("field \"") + field + "\" is missing"};
}

} // namespace detail

inline Result<TransactionRecord> transactionRecordFromJson(const nlohmann::json& j)
{
    if (!j.is_object())
        return Error{std::string("transaction record: expected a JSON object, got ") + detail::jsonTypeName(j)};

    TransactionRecord r;
    std::optional<Error> error;
    auto text = [&](const char* field, std::string& out, bool optional = false) {
        if (error)
            return;
        const auto it = j.find(field);
        if (it == j.end() || (optional && it->is_null())) {
            if (!optional)
                error = detail::missingField(field);
            return;
        }
        if (!it->is_string()) {
            error = detail::fieldError(field, "a string", *it);
            return;
        }
        out = it->get<std::string>();
    };
    auto number = [&](const char* field, double& out) {
        if (error)
            return;
        const auto it = j.find(field);
        if (it == j.end()) {
            error = detail::missingField(field);
            return;
        }
        if (!it->is_number()) {
            error = detail::fieldError(field, "a number", *it);
            return;
        }
        out = it->get<double>();
    };
    auto integer = [&](const char* field, std::int64_t& out) {
        if (error)
            return;
        const auto it = j.find(field);
        if (it == j.end()) {
            error = detail::missingField(field);
            return;
        }
        if (it->is_number_integer() && !it->is_number_unsigned()) {
            out = it->get<std::int64_t>();
            return;
        }
        if (it->is_number_unsigned() &&
            it->get<std::uint64_t>() <= static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
            out = static_cast<std::int64_t>(it->get<std::uint64_t>());
            return;
        }
        error = it->is_number_unsigned() ? Error{std::string("field \"") + field + "\": integer out of range"}
                                         : detail::fieldError(field, "an integer", *it);
    };

    text("id", r.id);
    integer("timestamp_ms", r.timestampMs);
    text("outcome", r.outcome);
    text("error_code", r.errorCode, /*optional=*/true);
    number("latency_ms", r.latencyMs);
    number("retries", r.retries);
    text("method", r.method);
    text("issuer", r.issuer);
    text("merchant", r.merchant);
    number("amount", r.amount);
    text("currency", r.currency);
    text("geography", r.geography);
    if (error)
        return *error;
    return r;
}

} // namespace payops
