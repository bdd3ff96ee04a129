#include "logging.h"

Q_LOGGING_CATEGORY(lcStream, "payops.agents.stream", QtWarningMsg)
Q_LOGGING_CATEGORY(lcReasoning, "payops.agents.reasoning", QtWarningMsg)
Q_LOGGING_CATEGORY(lcDecision, "payops.agents.decision", QtWarningMsg)
Q_LOGGING_CATEGORY(lcAction, "payops.agents.action", QtWarningMsg)
Q_LOGGING_CATEGORY(lcLearning, "payops.agents.learning", QtWarningMsg)
Q_LOGGING_CATEGORY(lcApprovals, "payops.agents.approvals", QtWarningMsg)
Q_LOGGING_CATEGORY(lcConfig, "payops.agents.config", QtWarningMsg)
Q_LOGGING_CATEGORY(lcStore, "payops.agents.store", QtWarningMsg)
Q_LOGGING_CATEGORY(lcRuntime, "payops.agents.runtime", QtWarningMsg)
Q_LOGGING_CATEGORY(lcSync, "payops.sync", QtWarningMsg)
Q_LOGGING_CATEGORY(lcFeed, "payops.feed", QtWarningMsg)
