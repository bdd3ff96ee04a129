#pragma once
// Commands a person gives a running (or stopped) agent from another process: queued in the database, applied
// by the agent at its next cycle, and - when an agent is running - waited for so the person sees the outcome.

#include "store/agent_store.h"

#include <QString>

namespace payops::cli {

// Returns the exit code; prints what happened.
int submitOperatorCommand(AgentStore& store, const QString& dbPath, OperatorCommand command, int waitMs);

} // namespace payops::cli
