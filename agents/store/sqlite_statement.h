#pragma once
// A thin RAII layer over the sqlite3 C API for the store: prepared statements that finalize themselves, and
// errors that always carry the operation and SQLite's own message (a full disk or an I/O error must reach the
// operator as such, never be swallowed).

#include "core/result.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

struct sqlite3;
struct sqlite3_stmt;

namespace payops::sqlite {

// "cannot <operation>: <sqlite message>", using the connection's current error message and code. A database locked by
// another process (SQLITE_BUSY) says so in words and is marked busy.
Error error(sqlite3* db, std::string_view operation);
Error error(std::string_view operation, std::string_view sqliteMessage, int rc = 0);

// Runs SQL without results (may hold several statements, e.g. a migration script).
Status exec(sqlite3* db, const char* sql, std::string_view operation);

class Statement {
public:
    Statement(sqlite3* db, std::string_view sql);
    ~Statement();
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    // Parameters are 1-based like SQLite's. A failed bind is remembered and reported by the next step, so call
    // sites can bind a whole row and check once.
    Statement& bind(int index, std::int64_t value);
    Statement& bind(int index, const std::string& text);
    Statement& bindBlob(int index, const std::string& bytes);

    // true: a row is available; false: the statement is done.
    Result<bool> next(std::string_view operation);
    // Steps to completion (INSERT/UPDATE/DELETE).
    Status run(std::string_view operation);
    // Makes the statement reusable with new bindings.
    void reset();

    std::int64_t int64(int column) const;
    std::string text(int column) const;
    std::string blob(int column) const;
    bool isNull(int column) const;

private:
    void fail();

    sqlite3* m_db = nullptr;
    sqlite3_stmt* m_stmt = nullptr;
    // The first failure (prepare or bind) with SQLite's message captured at that moment: later calls on the
    // connection overwrite sqlite3_errmsg().
    int m_failedRc = 0;
    std::string m_failedMessage;
};

// Every row of a statement through read(st). read returns T, or Result<T> when a row can be damaged (a JSON
// column that no longer parses); the first damaged row ends the read with its error.
template <typename T, typename Reader>
Result<std::vector<T>> readAll(Statement& st, const std::string& operation, Reader read)
{
    std::vector<T> out;
    for (;;) {
        Result<bool> row = st.next(operation);
        if (!row)
            return row.failure();
        if (!*row)
            return out;
        if constexpr (std::is_same_v<std::invoke_result_t<Reader, Statement&>, Result<T>>) {
            Result<T> value = read(st);
            if (!value)
                return value.failure();
            out.push_back(std::move(value.value()));
        } else {
            out.push_back(read(st));
        }
    }
}

// The first row, if there is one.
template <typename T, typename Reader>
Result<std::optional<T>> readOne(Statement& st, const std::string& operation, Reader read)
{
    Result<bool> row = st.next(operation);
    if (!row)
        return row.failure();
    if (!*row)
        return std::optional<T>{};
    return std::optional<T>(read(st));
}

// The integer in the first column of the first row (count(*) and the like).
Result<std::int64_t> readInt(Statement& st, const std::string& operation);

} // namespace payops::sqlite
