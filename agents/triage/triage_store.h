#pragma once
// Keeps the console's triage in the agent database (tables of schema 2): one row per anomaly per run, the
// silences, and which run the console is triaging. persist() writes every dirty item, the silences and their
// audit records in ONE transaction, so a crash never leaves an acknowledged anomaly without its audit record.

#include "core/result.h"
#include "store/agent_store.h"
#include "triage/triage_book.h"

#include <optional>
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

private:
    AgentStore& m_store;
};

} // namespace payops
