#pragma once
// The gate between an external transaction feed and the window: a record either becomes a Transaction (its names
// interned into the Dictionary) or is rejected with a reason a person can act on. Every record is counted one way
// or the other (AGENT.md: "rejected with a reason and counted as data-quality issues, never silently dropped").
//
// Rejections, by counter key, checked in this order (the first that applies is the reason):
//   empty_id                    the record has no id
//   bad_outcome                 outcome not one of success, soft_fail, hard_fail
//   success_with_error_code     a success that carries a response code
//   failure_without_error_code  a soft or hard failure without one
//   bad_latency                 latency_ms negative, not a whole number, not finite, or beyond 32 bits
//   bad_retries                 retries negative, not a whole number, not finite, or over 255
//   unknown_method              method not one of the allowed methods (case-sensitive)
//   empty_issuer / empty_merchant
//   bad_amount                  amount <= 0, not finite, rounding to 0 minor units, or too large for 64 bits
//   future_timestamp            timestamp more than the tolerance ahead of now
//   empty_currency
//   dictionary_full             a new name would not fit its table; nothing is interned then
//
// Conversion of an accepted record: amount to minor units (x100, rounded); merchant "merchant_<n>" (n in
// 1..32767, no leading zeros) to n, any other merchant name to 32768 + its index in the validator's own name
// table, so the two id ranges never meet; a decimal id to its value,
// any other id to a stable 64-bit FNV-1a hash of its text.

#include "core/clock.h"
#include "core/result.h"
#include "stream/dictionary.h"
#include "stream/transaction.h"
#include "stream/transaction_record.h"

#include <cstdint>
#include <map>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

namespace payops {

struct DataQuality {
    std::uint64_t accepted = 0, rejected = 0;
    std::map<std::string, std::uint64_t> rejectedByReason; // by the keys listed above
};

class TransactionValidator {
public:
    static constexpr TimeMs kDefaultFutureToleranceMs = 5000;
    static constexpr std::uint16_t kNumberedMerchantMax = 32767;
    static constexpr std::size_t kMerchantNameCapacity = 32768; // ids 32768..65535

    // A negative tolerance counts as 0.
    TransactionValidator(Dictionary& dict, std::vector<std::string> allowedMethods,
                         TimeMs futureToleranceMs = kDefaultFutureToleranceMs);

    Result<Transaction> validate(const TransactionRecord& record, TimeMs nowMs);

    const DataQuality& quality() const { return m_quality; }
    // Zeroes the counters. Interned names (and so merchant ids) stay: transactions already accepted refer to them.
    void reset() { m_quality = {}; }

    // The merchant names that did not have the merchant_<n> form, in the order they were first seen.
    const NameTable& merchantNames() const { return m_merchants; }
    // Counters and merchant names survive a checkpoint: window transactions refer to merchants by id.
    nlohmann::json saveState() const;
    Status restoreState(const nlohmann::json& state);

private:
    Error reject(const TransactionRecord& record, const char* code, const std::string& reason);

    Dictionary& m_dict;
    std::vector<std::string> m_allowedMethods;
    TimeMs m_futureToleranceMs;
    NameTable m_merchants{kMerchantNameCapacity};
    DataQuality m_quality;
};

} // namespace payops
