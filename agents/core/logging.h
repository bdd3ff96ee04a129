#pragma once
// One logging category per runtime module; warnings and above are on by default
// (enable more with QT_LOGGING_RULES="payops.agents.*.debug=true").

#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcStream)
Q_DECLARE_LOGGING_CATEGORY(lcReasoning)
Q_DECLARE_LOGGING_CATEGORY(lcDecision)
Q_DECLARE_LOGGING_CATEGORY(lcAction)
Q_DECLARE_LOGGING_CATEGORY(lcLearning)
Q_DECLARE_LOGGING_CATEGORY(lcApprovals)
Q_DECLARE_LOGGING_CATEGORY(lcConfig)
Q_DECLARE_LOGGING_CATEGORY(lcStore)
Q_DECLARE_LOGGING_CATEGORY(lcRuntime)
Q_DECLARE_LOGGING_CATEGORY(lcSync)
Q_DECLARE_LOGGING_CATEGORY(lcFeed)
