#include "approval_queue.h"

#include "core/json_error.h"
#include "core/logging.h"
#include "runtime/json_codec.h"

#include <algorithm>
#include <cstdio>

namespace payops {

const char* approvalStateName(ApprovalState s)
{
    switch (s) {
    case ApprovalState::Pending:
        return "pending";
    case ApprovalState::Approved:
        return "approved";
    case ApprovalState::Rejected:
        return "rejected";
    case ApprovalState::Expired:
        return "expired";
    }
    return "pending";
}

std::string ApprovalRequest::summary() const
{
    char buf[160];
    std::snprintf(buf, sizeof buf, " - blast %.2f, NRV %.2f, confidence %.2f", option.blastRadius, option.nrv,
                  option.confidence);
    std::string s = option.type + " " + option.target;
    if (!option.alternative.empty())
        s += " -> " + option.alternative;
    s += buf;
    if (!option.approvalReasons.empty()) {
        s += "; needs approval: ";
        for (std::size_t i = 0; i < option.approvalReasons.size(); ++i)
            s += (i ? ", " : "") + option.approvalReasons[i];
    }
    return s;
}

const ApprovalRequest& ApprovalQueue::submit(const InterventionOption& option, std::int64_t configVersion, TimeMs nowMs,
                                             TimeMs ttlMs)
{
    ApprovalRequest r;
    r.id = m_nextId++;
    r.option = option;
    r.configVersion = configVersion;
    r.createdMs = nowMs;
    r.expiresMs = nowMs + ttlMs;
    m_pending.push_back(r);
    qCInfo(lcApprovals) << "approval requested" << r.id << option.type.c_str() << option.target.c_str();
    return m_pending.back();
}

Result<ApprovalRequest> ApprovalQueue::decide(std::int64_t id, ApprovalState to, const std::string& actor,
                                              const std::string& reason, TimeMs nowMs)
{
    auto it = std::find_if(m_pending.begin(), m_pending.end(), [&](const auto& r) { return r.id == id; });
    if (it == m_pending.end()) {
        if (const ApprovalRequest* r = find(id))
            return Error{"approval request " + std::to_string(id) + " is already " + approvalStateName(r->state)};
        return Error{"no approval request " + std::to_string(id)};
    }
    ApprovalRequest r = *it;
    r.state = to;
    r.decidedMs = nowMs;
    r.decidedBy = actor;
    r.reason = reason;
    m_pending.erase(it);
    m_decided.push_back(r);
    if (m_decided.size() > kDecidedHistory)
        m_decided.pop_front();
    return r;
}

Result<ApprovalRequest> ApprovalQueue::approve(std::int64_t id, const std::string& actor, TimeMs nowMs)
{
    return decide(id, ApprovalState::Approved, actor, {}, nowMs);
}

Result<ApprovalRequest> ApprovalQueue::reject(std::int64_t id, const std::string& actor, const std::string& reason,
                                              TimeMs nowMs)
{
    if (reason.empty())
        return Error{"rejecting approval request " + std::to_string(id) + " needs a reason"};
    return decide(id, ApprovalState::Rejected, actor, reason, nowMs);
}

std::vector<ApprovalRequest> ApprovalQueue::expire(const std::set<std::int64_t>& activeAnomalyIds, TimeMs nowMs)
{
    std::vector<ApprovalRequest> out;
    std::vector<std::int64_t> ids;
    for (const auto& r : m_pending) {
        const bool anyActive = std::any_of(r.option.anomalyIds.begin(), r.option.anomalyIds.end(),
                                           [&](std::int64_t a) { return activeAnomalyIds.count(a) > 0; });
        // A request not tied to anomalies (a baseline alert) only expires by time.
        const bool cleared = !r.option.anomalyIds.empty() && !anyActive;
        if (cleared || nowMs >= r.expiresMs)
            ids.push_back(r.id);
    }
    for (auto id : ids) {
        const ApprovalRequest* r = find(id);
        const bool timedOut = r && nowMs >= r->expiresMs;
        auto d = decide(id, ApprovalState::Expired, "agent",
                        timedOut ? "no decision before it timed out" : "the anomaly cleared before a decision", nowMs);
        if (d.ok())
            out.push_back(d.value());
    }
    return out;
}

void ApprovalQueue::setInterventionId(std::int64_t approvalId, std::int64_t interventionId)
{
    for (auto& r : m_decided) {
        if (r.id == approvalId)
            r.interventionId = interventionId;
    }
}

const ApprovalRequest* ApprovalQueue::find(std::int64_t id) const
{
    for (const auto& r : m_pending) {
        if (r.id == id)
            return &r;
    }
    for (const auto& r : m_decided) {
        if (r.id == id)
            return &r;
    }
    return nullptr;
}

bool ApprovalQueue::isPending(const std::string& type, const std::string& target) const
{
    return std::any_of(m_pending.begin(), m_pending.end(),
                       [&](const auto& r) { return r.option.type == type && r.option.target == target; });
}

nlohmann::json ApprovalQueue::saveState() const
{
    return {{"pending", m_pending}, {"decided", m_decided}, {"next_id", m_nextId}};
}

Status ApprovalQueue::restoreState(const nlohmann::json& state)
{
    try {
        m_pending = state.at("pending").get<std::vector<ApprovalRequest>>();
        m_decided = state.at("decided").get<std::deque<ApprovalRequest>>();
        m_nextId = state.at("next_id");
    } catch (const nlohmann::json::exception& e) {
        return Error{std::string("approval state is damaged: ") + jsonErrorText(e)};
    }
    return {};
}

} // namespace payops
