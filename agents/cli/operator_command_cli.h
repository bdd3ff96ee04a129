#pragma once
// Commands a person gives a running (or stopped) agent from another process: queued in the database, applied
// by the agent at its next cycle, and - when an agent is running - waited for so the person sees the outcome.

#include "store/agent_store.h"

#include <QString>

namespace payops::cli {

// Returns the exit code; prints what happened. A command on a target that already has one waiting to be applied (an
// approve and then a reject of the same request, queued while no agent runs) is refused: only the first could apply.
int submitOperatorCommand(AgentStore& store, const QString& dbPath, OperatorCommand command, int waitMs);

// Refuses a command the CLI can judge itself (the request is already decided, the intervention has ended), and records
// the attempt in the audit log as the agent records one it refuses (`command_refused`): the log shows every decision
// taken on a request or intervention that exists, not only those that were queued. Returns the exit code (1).
int refuseOperatorCommand(AgentStore& store, OperatorCommand command, const QString& why);

// Takes back a decision queued while no agent runs (approvals withdraw ID, interventions withdraw ID), before a
// resumed run applies it: recorded as command_withdrawn. Refused while an agent runs on the database (it applies
// queued decisions at its next cycle, so none stays to withdraw). Returns the exit code; prints what happened.
int withdrawQueuedCommand(const QString& dbPath, bool onApproval, std::int64_t targetId, const std::string& actor,
                          const std::string& reason);

} // namespace payops::cli
