#include "sqlite_statement.h"

#include <sqlite3.h>

namespace payops::sqlite {

Error error(std::string_view operation, std::string_view sqliteMessage, int rc)
{
    std::string message = "cannot ";
    message += operation;
    message += ": ";
    // SQLITE_BUSY is another connection's lock outlasting the busy timeout. Not SQLITE_BUSY_SNAPSHOT (a read
    // transaction that must restart) nor SQLITE_LOCKED (a conflict within this connection): no wait helps those.
    if ((rc & 0xff) == SQLITE_BUSY && rc != SQLITE_BUSY_SNAPSHOT) {
        // SQLite's "database is locked" read like a fault of the file (after "cannot migrate the schema", as it was
        // worded, it read like a schema problem); it is another process writing, and waiting is the remedy.
        message += "another process (an agent running on it, or a tool) kept the database locked while this one "
                   "waited; try again when it is done (";
        message += sqliteMessage;
        message += ")";
        return Error{std::move(message), true};
    }
    message += sqliteMessage;
    return Error{std::move(message), false, (rc & 0xff) == SQLITE_CORRUPT || (rc & 0xff) == SQLITE_NOTADB};
}

Error error(sqlite3* db, std::string_view operation)
{
    return error(operation, db ? sqlite3_errmsg(db) : "out of memory",
                 db ? sqlite3_extended_errcode(db) : SQLITE_NOMEM);
}

Status exec(sqlite3* db, const char* sql, std::string_view operation)
{
    char* message = nullptr;
    const int rc = sqlite3_exec(db, sql, nullptr, nullptr, &message);
    if (rc == SQLITE_OK)
        return Status::success();
    Error e = error(operation, message ? message : sqlite3_errstr(rc), rc);
    sqlite3_free(message);
    return e;
}

Statement::Statement(sqlite3* db, std::string_view sql) : m_db(db)
{
    const int rc = sqlite3_prepare_v2(db, sql.data(), static_cast<int>(sql.size()), &m_stmt, nullptr);
    if (rc != SQLITE_OK) {
        sqlite3_finalize(m_stmt);
        m_stmt = nullptr;
        m_failedRc = rc;
        m_failedMessage = sqlite3_errmsg(db);
    }
}

Statement::~Statement()
{
    sqlite3_finalize(m_stmt);
}

void Statement::fail()
{
    if (m_failedRc == 0) {
        m_failedRc = sqlite3_errcode(m_db);
        m_failedMessage = sqlite3_errmsg(m_db);
        if (m_failedRc == SQLITE_OK)
            m_failedRc = SQLITE_ERROR;
    }
}

Statement& Statement::bind(int index, std::int64_t value)
{
    if (m_stmt && sqlite3_bind_int64(m_stmt, index, value) != SQLITE_OK)
        fail();
    return *this;
}

Statement& Statement::bind(int index, const std::string& text)
{
    // SQLITE_TRANSIENT: callers pass temporaries; the copy is cheap next to the fsync of a commit.
    if (m_stmt &&
        sqlite3_bind_text64(m_stmt, index, text.data(), text.size(), SQLITE_TRANSIENT, SQLITE_UTF8) != SQLITE_OK)
        fail();
    return *this;
}

Statement& Statement::bindBlob(int index, const std::string& bytes)
{
    // data() is never null, so an empty value is bound as an empty blob rather than NULL.
    if (m_stmt && sqlite3_bind_blob64(m_stmt, index, bytes.data(), bytes.size(), SQLITE_TRANSIENT) != SQLITE_OK)
        fail();
    return *this;
}

Result<bool> Statement::next(std::string_view operation)
{
    if (m_failedRc != 0)
        return error(operation, m_failedMessage, m_failedRc);
    const int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW)
        return true;
    if (rc == SQLITE_DONE)
        return false;
    return error(m_db, operation);
}

Status Statement::run(std::string_view operation)
{
    for (;;) {
        Result<bool> row = next(operation);
        if (!row)
            return row.failure();
        if (!*row)
            return Status::success();
    }
}

void Statement::reset()
{
    if (m_stmt) {
        sqlite3_reset(m_stmt);
        sqlite3_clear_bindings(m_stmt);
    }
}

std::int64_t Statement::int64(int column) const
{
    return sqlite3_column_int64(m_stmt, column);
}

std::string Statement::text(int column) const
{
    const auto* data = reinterpret_cast<const char*>(sqlite3_column_text(m_stmt, column));
    if (!data)
        return {};
    return std::string(data, static_cast<std::size_t>(sqlite3_column_bytes(m_stmt, column)));
}

std::string Statement::blob(int column) const
{
    const auto* data = static_cast<const char*>(sqlite3_column_blob(m_stmt, column));
    if (!data)
        return {};
    return std::string(data, static_cast<std::size_t>(sqlite3_column_bytes(m_stmt, column)));
}

bool Statement::isNull(int column) const
{
    return sqlite3_column_type(m_stmt, column) == SQLITE_NULL;
}

Result<std::int64_t> readInt(Statement& st, const std::string& operation)
{
    Result<bool> row = st.next(operation);
    if (!row)
        return row.failure();
    if (!*row)
        return error(operation, "no row");
    return st.int64(0);
}

} // namespace payops::sqlite
