#pragma once
// A transaction that rolls itself back unless committed, so every early error return in the store leaves the
// database exactly as it was before the call.

#include "core/result.h"

#include <string_view>

struct sqlite3;

namespace payops::sqlite {

class Transaction {
public:
    // Immediate takes the write lock up front: anything that reads and then writes (the audit chain head, the
    // config hash lookup) must not interleave with another process doing the same. Deferred is for reads that
    // need one consistent snapshot across several statements.
    enum class Kind { Deferred, Immediate };

    explicit Transaction(sqlite3* db) : m_db(db) {}
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;

    Status begin(Kind kind, std::string_view operation);
    // On failure the transaction is rolled back before returning.
    Status commit(std::string_view operation);
    void rollback();

private:
    sqlite3* m_db;
    bool m_active = false;
};

} // namespace payops::sqlite
