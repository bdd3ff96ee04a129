#pragma once
// JSON form of the runtime's value types, used for cycle snapshots (--json, the audit log, the console) and for
// checkpoints. nlohmann finds these by argument-dependent lookup. Keys are snake_case; maps are sorted, so the
// same values always produce the same bytes.

#include "action/intervention.h"
#include "approvals/approval_request.h"
#include "decision/decision_policy.h"
#include "learning/learning_result.h"
#include "reasoning/anomaly_detector.h"
#include "reasoning/hypothesis.h"

#include <nlohmann/json.hpp>

namespace payops {

void to_json(nlohmann::json& j, const DimensionStats& s);
void from_json(const nlohmann::json& j, DimensionStats& s);
void to_json(nlohmann::json& j, const DimensionScore& s);
void from_json(const nlohmann::json& j, DimensionScore& s);
void to_json(nlohmann::json& j, const Evidence& e);
void from_json(const nlohmann::json& j, Evidence& e);
void to_json(nlohmann::json& j, const Anomaly& a);
void from_json(const nlohmann::json& j, Anomaly& a);
void to_json(nlohmann::json& j, const Hypothesis& h);
void from_json(const nlohmann::json& j, Hypothesis& h);
void to_json(nlohmann::json& j, const PreMortem& p);
void from_json(const nlohmann::json& j, PreMortem& p);
void to_json(nlohmann::json& j, const InterventionOption& o);
void from_json(const nlohmann::json& j, InterventionOption& o);
void to_json(nlohmann::json& j, const Decision& d);
void from_json(const nlohmann::json& j, Decision& d);
void to_json(nlohmann::json& j, const CumulativeCounters& c);
void from_json(const nlohmann::json& j, CumulativeCounters& c);
void to_json(nlohmann::json& j, const Intervention& i);
void from_json(const nlohmann::json& j, Intervention& i);
void to_json(nlohmann::json& j, const ApprovalRequest& r);
void from_json(const nlohmann::json& j, ApprovalRequest& r);
void to_json(nlohmann::json& j, const LearningResult& r);

const char* dimensionKindName(DimensionKind k);

} // namespace payops
