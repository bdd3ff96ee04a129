#pragma once
// The queue of decisions awaiting a human: approve, reject (a reason is required) or expire.

#include "approvals/approval_request.h"
#include "core/result.h"

#include <algorithm>
#include <deque>
#include <nlohmann/json_fwd.hpp>
#include <set>
#include <vector>

namespace payops {

class ApprovalQueue {
public:
    static constexpr std::size_t kDecidedHistory = 100;

    const ApprovalRequest& submit(const InterventionOption& option, std::int64_t configVersion, TimeMs nowMs,
                                  TimeMs ttlMs);
    // Errors name the id and the state: "no approval request 7", "approval request 7 is already rejected".
    Result<ApprovalRequest> approve(std::int64_t id, const std::string& actor, TimeMs nowMs);
    Result<ApprovalRequest> reject(std::int64_t id, const std::string& actor, const std::string& reason, TimeMs nowMs);
    // Expires pending requests whose anomalies have all cleared, or whose time to live has run out.
    std::vector<ApprovalRequest> expire(const std::set<std::int64_t>& activeAnomalyIds, TimeMs nowMs);
    void setInterventionId(std::int64_t approvalId, std::int64_t interventionId);
    // A new run on a database that already holds requests numbers its own after them, so ids stay unique.
    void continueIdsAfter(std::int64_t lastUsedId) { m_nextId = std::max(m_nextId, lastUsedId + 1); }

    const std::vector<ApprovalRequest>& pending() const { return m_pending; }
    const std::deque<ApprovalRequest>& decided() const { return m_decided; }
    const ApprovalRequest* find(std::int64_t id) const;
    bool isPending(const std::string& type, const std::string& target) const;

    nlohmann::json saveState() const;
    Status restoreState(const nlohmann::json& state);

private:
    Result<ApprovalRequest> decide(std::int64_t id, ApprovalState to, const std::string& actor,
                                   const std::string& reason, TimeMs nowMs);
    std::vector<ApprovalRequest> m_pending;
    std::deque<ApprovalRequest> m_decided;
    std::int64_t m_nextId = 1;
};

} // namespace payops
