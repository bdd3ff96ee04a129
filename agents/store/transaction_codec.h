#pragma once
// Fixed little-endian encoding of transactions for the persisted window (38 bytes each). Independent of struct
// layout and padding, so a database written by one build is read by the next.

#include "core/result.h"
#include "stream/transaction.h"

#include <span>
#include <string>
#include <vector>

namespace payops {

std::string encodeTransactions(std::span<const Transaction> transactions);
Result<std::vector<Transaction>> decodeTransactions(const std::string& bytes);

} // namespace payops
