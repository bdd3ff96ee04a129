#pragma once
// Keeps the console's triage in the agent database (tables of schema 2): one row per anomaly per run, the
// silences, and which run the console is triaging. persist() writes every dirty item, the silences and their
// audit records in ONE transaction, so a crash never leaves an acknowledged anomaly without its audit record.

#include "core/result.h"
#include "store/agent_store.h"
#include "triage/triage_book.h"

#include <optional>
#include <set>
#include <string>
#include <vector>

namespace payops {

class TriageStore {
public:
    explicit TriageStore(AgentStore& store) : m_store(store) {}

    // The run being triaged (anomaly ids restart with each run), if the console ever started one.
    Result<std::optional<std::string>> currentRun() const;
    Status setCurrentRun(const std::string& runId);

    Result<std::vector<TriageItem>> loadItems(const std::string& runId) const;
    Result<std::vector<Silence>> loadSilences() const;
    // The highest silence id ever stored, removed ones included: new silences are numbered after it, so a removed
    // silence's record (kept for whoever audits what it hid) is never overwritten by a new one under its id.
    Result<std::int64_t> lastSilenceId() const;

    Status persist(const std::string& runId, TriageBook& book, std::int64_t configVersion);

    // What operators did in another console (a console that follows another process's run writes nothing, and learns
    // the other's acknowledgements, snoozes, owners, notes, resolutions and silences from the audit log), and the
    // agent's reopenings and escalations there, which undo some of it.
    struct OperatorActions {
        std::int64_t lastSeq = 0;     // the newest audit record read, of any kind: the next read starts after it
        std::set<std::int64_t> items; // anomalies of runId acted on (or reopened, escalated)
        bool silences = false;        // a silence was added or removed
    };
    // The newest audit record's seq (0 in an empty log): a console that has just loaded the triage asks from here.
    Result<std::int64_t> lastAuditSeq() const;
    Result<OperatorActions> operatorActionsAfter(std::int64_t seq, const std::string& runId) const;

private:
    AgentStore& m_store;
};

} // namespace payops
