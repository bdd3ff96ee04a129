#include "triage_store.h"

#include "core/json_error.h"
#include "store/audit_chain.h"
#include "store/sqlite_statement.h"
#include "store/sqlite_transaction.h"

#include <nlohmann/json.hpp>
#include <stdexcept>

namespace payops {

using nlohmann::json;
using sqlite::Statement;
using SqlTransaction = sqlite::Transaction;

Result<std::optional<std::string>> TriageStore::currentRun() const
{
    Statement q(m_store.connection(), "SELECT value FROM console_state WHERE key = 'triage_run'");
    Result<bool> row = q.next("read the triage run of " + m_store.path());
    if (!row)
        return row.failure();
    if (!*row)
        return std::optional<std::string>{};
    return std::optional<std::string>{q.text(0)};
}

Status TriageStore::setCurrentRun(const std::string& runId)
{
    Statement q(m_store.connection(), "INSERT OR REPLACE INTO console_state (key, value) VALUES ('triage_run', ?)");
    q.bind(1, runId);
    return q.run("record the triage run in " + m_store.path());
}

namespace {
// A row's JSON column as T; a column that no longer parses names its row.
template <typename T> auto jsonColumn(const std::string& what)
{
    return [what](const Statement& q) -> Result<T> {
        try {
            return json::parse(q.text(1)).get<T>();
        } catch (const json::exception& e) {
            return Error{what + " " + std::to_string(q.int64(0)) + " is damaged (" + jsonErrorText(e) + ")"};
        } catch (const std::invalid_argument& e) { // a value out of its domain (an unknown dimension kind)
            return Error{what + " " + std::to_string(q.int64(0)) + " is damaged (" + e.what() + ")"};
        }
    };
}
} // namespace

Result<std::vector<TriageItem>> TriageStore::loadItems(const std::string& runId) const
{
    Statement q(m_store.connection(),
                "SELECT anomaly_id, item FROM anomaly_triage WHERE run_id = ? ORDER BY anomaly_id");
    q.bind(1, runId);
    return sqlite::readAll<TriageItem>(q, "read the anomaly triage of " + m_store.path(),
                                       jsonColumn<TriageItem>(m_store.path() + ": the triage record of anomaly"));
}

Result<std::vector<Silence>> TriageStore::loadSilences() const
{
    Statement q(m_store.connection(), "SELECT id, silence FROM silences WHERE removed = 0 ORDER BY id");
    return sqlite::readAll<Silence>(q, "read the silences of " + m_store.path(),
                                    jsonColumn<Silence>(m_store.path() + ": silence"));
}

Result<std::int64_t> TriageStore::lastSilenceId() const
{
    Statement q(m_store.connection(), "SELECT COALESCE(MAX(id), 0) FROM silences");
    return sqlite::readInt(q, "read the silence ids of " + m_store.path());
}

Result<std::int64_t> TriageStore::lastAuditSeq() const
{
    Statement q(m_store.connection(), "SELECT COALESCE(MAX(seq), 0) FROM audit");
    return sqlite::readInt(q, "read the audit log of " + m_store.path());
}

Result<TriageStore::OperatorActions> TriageStore::operatorActionsAfter(std::int64_t seq, const std::string& runId) const
{
    // Up to the newest record now, so records of other kinds (the agent's, every cycle) are passed over once. The
    // agent's reopenings and escalations are read with the operators' actions: they change the operator part too (a
    // snooze ends, a resolution is undone), and the item saved with an action made just before the other console saw
    // them would otherwise stay the last word here.
    Result<std::int64_t> last = lastAuditSeq();
    if (!last)
        return last.failure();
    OperatorActions actions;
    actions.lastSeq = std::max(seq, *last);
    if (*last <= seq)
        return actions;
    const std::string op = "read the triage actions in the audit log of " + m_store.path();
    Statement q(m_store.connection(),
                "SELECT kind, inputs FROM audit WHERE seq > ? AND seq <= ? AND kind IN ('triage_acknowledged', "
                "'triage_resolved', 'triage_snoozed', 'triage_unsnoozed', 'triage_assigned', 'triage_note', "
                "'triage_reopened', 'triage_escalated', 'silence_added', 'silence_removed') ORDER BY seq");
    q.bind(1, seq).bind(2, *last);
    for (;;) {
        Result<bool> row = q.next(op);
        if (!row)
            return row.failure();
        if (!*row)
            return actions;
        if (q.text(0).rfind("silence_", 0) == 0) { // silences are not a run's: they hide anomalies of any
            actions.silences = true;
            continue;
        }
        // Written by persist() above; a record it cannot read names no anomaly to refresh and is passed over.
        const json inputs = json::parse(q.text(1), nullptr, false);
        if (!inputs.is_object())
            continue;
        const auto run = inputs.find("run_id");
        const auto id = inputs.find("anomaly_id");
        if (run != inputs.end() && *run == runId && id != inputs.end() && id->is_number_integer())
            actions.items.insert(id->get<std::int64_t>());
    }
}

Status TriageStore::persist(const std::string& runId, TriageBook& book, std::int64_t configVersion)
{
    const std::string op = "save the anomaly triage to " + m_store.path();
    sqlite3* db = m_store.connection();
    std::set<std::int64_t> dirty = book.takeDirtyItems();
    std::vector<TriageAuditEvent> events = book.takeEvents();
    if (dirty.empty() && events.empty() && !book.silencesDirty())
        return {};

    const auto steps = [&]() -> Status {
        SqlTransaction tx(db);
        if (Status s = tx.begin(SqlTransaction::Kind::Immediate, op); !s)
            return s;
        Statement upsert(db, "INSERT OR REPLACE INTO anomaly_triage (run_id, anomaly_id, item) VALUES (?, ?, ?)");
        for (std::int64_t id : dirty) {
            const TriageItem* item = book.item(id);
            if (!item)
                continue;
            upsert.reset();
            upsert.bind(1, runId).bind(2, id).bind(3, json(*item).dump());
            if (Status s = upsert.run(op); !s)
                return s;
        }
        if (book.silencesDirty()) {
            // Silences are few: mark the stored ones removed and re-put the live set, so ids stay stable and a
            // removed silence stays readable for whoever audits what it hid.
            if (Status s = sqlite::exec(db, "UPDATE silences SET removed = 1", op); !s)
                return s;
            Statement put(db, "INSERT INTO silences (id, silence, removed) VALUES (?, ?, 0) "
                              "ON CONFLICT (id) DO UPDATE SET silence = excluded.silence, removed = 0");
            for (const Silence& silence : book.silences()) {
                put.reset();
                put.bind(1, silence.id).bind(2, json(silence).dump());
                if (Status s = put.run(op); !s)
                    return s;
            }
        }
        for (const TriageAuditEvent& e : events) {
            AuditEntry entry;
            entry.timeMs = e.timeMs;
            entry.actor = e.actor;
            entry.kind = e.kind;
            entry.configVersion = configVersion;
            json inputs = e.inputs;
            inputs["run_id"] = runId;
            entry.inputsJson = inputs.dump();
            entry.outcomeJson = e.outcome.dump();
            if (Result<AuditEntry> r = store_detail::appendAuditInTransaction(db, std::move(entry), op); !r)
                return r.failure();
        }
        return tx.commit(op);
    };
    Status done = steps();
    if (!done) {
        // Nothing was written: hand the work back so the next persist() retries it (a full disk that frees up
        // must not lose an acknowledgement).
        book.returnPending(std::move(dirty), std::move(events));
        return done;
    }
    book.clearSilencesDirty();
    return {};
}

} // namespace payops
