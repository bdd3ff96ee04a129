#include "sqlite_transaction.h"

#include "core/logging.h"
#include "sqlite_statement.h"

#include <sqlite3.h>

namespace payops::sqlite {

Transaction::~Transaction()
{
    rollback();
}

Status Transaction::begin(Kind kind, std::string_view operation)
{
    Status s = exec(m_db, kind == Kind::Immediate ? "BEGIN IMMEDIATE" : "BEGIN DEFERRED", operation);
    m_active = s.ok();
    return s;
}

Status Transaction::commit(std::string_view operation)
{
    Status s = exec(m_db, "COMMIT", operation);
    if (s.ok()) {
        m_active = false;
        return s;
    }
    rollback();
    return s;
}

void Transaction::rollback()
{
    if (!m_active)
        return;
    m_active = false;
    // After some I/O errors (disk full, SQLITE_IOERR) SQLite has already rolled back on its own; a second
    // ROLLBACK would only fail with "no transaction is active".
    if (sqlite3_get_autocommit(m_db))
        return;
    if (Status s = exec(m_db, "ROLLBACK", "roll back"); !s)
        qCWarning(lcStore) << s.error().c_str();
}

} // namespace payops::sqlite
