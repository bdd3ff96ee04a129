#pragma once
// Every write of triage rows fails, as on a full disk, while one of these lives: two triggers on anomaly_triage, made
// and dropped through a connection of their own.
#include "store/agent_store.h"

#include <QString>
#include <QtGlobal>
#include <sqlite3.h>

struct TriageWritesFail {
    explicit TriageWritesFail(const QString& db) : m_db(db)
    {
        exec("CREATE TRIGGER test_no_insert BEFORE INSERT ON anomaly_triage BEGIN SELECT RAISE(ABORT, 'disk is "
             "full (test)'); END; CREATE TRIGGER test_no_update BEFORE UPDATE ON anomaly_triage BEGIN SELECT "
             "RAISE(ABORT, 'disk is full (test)'); END;");
    }
    ~TriageWritesFail() { exec("DROP TRIGGER IF EXISTS test_no_insert; DROP TRIGGER IF EXISTS test_no_update;"); }
    TriageWritesFail(const TriageWritesFail&) = delete;
    TriageWritesFail& operator=(const TriageWritesFail&) = delete;

private:
    void exec(const char* sql)
    {
        auto store = payops::AgentStore::open(m_db.toStdString());
        if (!store.ok() || sqlite3_exec(store.value()->connection(), sql, nullptr, nullptr, nullptr) != SQLITE_OK)
            qFatal("cannot change the triggers of %s", qPrintable(m_db));
    }
    QString m_db;
};
