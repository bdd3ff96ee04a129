#pragma once
// Small pieces every payops-agent command shares: error output, the default database location, who is acting.

#include "core/result.h"

#include <QCommandLineParser>
#include <QString>
#include <QStringList>
#include <optional>
#include <utility>

namespace payops::cli {

// Prints "payops-agent: message" on stderr and returns the exit code (2 = bad usage or input, 1 = failure).
int fail(const QString& message, int code = 2);
// The same for an error from the layers below; a database another process holds locked is a failure (1), not bad input.
int fail(const Error& error, int code = 2);
// A path as a shell reads it back, for commands the tool prints to be pasted: as it is when it holds only characters
// no shell treats specially, else in single quotes.
QString shellQuoted(const QString& path);
// $XDG_DATA_HOME/PayOps/payops-agent/agent.db (created on demand); --db overrides it.
QString defaultDatabasePath();
// "cli:<login>" - the actor recorded in the audit log for commands typed by a person.
QString defaultActor();
// What is wrong with an --actor (an operator's name the audit log records as who decided), or nothing: empty, a
// hidden character, longer than a name, or one of the names the agent writes for itself (approvals/actor_name.h).
std::optional<QString> actorProblem(const QString& actor);
// The arguments of a subcommand, as QCommandLineParser expects them (program name first).
QStringList subcommandArguments(const QStringList& all);
// Parses a subcommand's arguments (its parser has a help option). --help prints the help, headed
// "Usage: payops-agent COMMAND ...", and exits 0; an unknown option, a missing value, or (for a command that takes
// none) a positional argument prints what is wrong and exits 2, as every other usage error does.
enum class Positionals { None, Allowed };
void parseCommandLine(QCommandLineParser& parser, const QStringList& arguments, const QString& command,
                      Positionals positionals = Positionals::None);

// "approvals approve 1 2 3" decided request 1 and said nothing of 2 and 3: the first positional argument past the
// `takes` a command uses (its action counted), as "unexpected argument 'X' (<what the command takes>)"; empty when
// there is none.
std::optional<QString> unexpectedArgument(const QStringList& positionals, qsizetype takes, const QString& what);

// An option whose value is another of the command's options ("--tenant --help": the parser took "--help" as the
// tenant): the option as typed and the option it took (without any "=value" after it, which may be a secret).
std::optional<std::pair<QString, QString>> optionTakingAnOption(const QCommandLineParser& parser);

// Standard input, output or error closed by whoever started the process would be taken by the first file opened (Qt's
// event descriptor took 0, and `detect --input -` waited on it for ever). Call first in main(), before any file is
// opened: each closed one is opened on /dev/null, and remembered, so a command that needs it says it is closed.
void guardStandardStreams();
bool standardInputWasClosed();

// Qt sets the C library's locale from the environment when the application object is made (setlocale(LC_ALL, "")),
// and printf then writes the desktop's decimal comma into the agent's texts: "z 4,58" in an evidence rule that the
// audit log, the checkpoint and sync consumers keep, and "severity 0,15" in the report. The agent's own texts are
// English with a decimal point; the console formats numbers for its reader through QLocale, which this leaves alone.
// Call right after the application object is made.
void keepCNumbers();
bool standardOutputWasClosed();

int runCommand(const QStringList& arguments);
int configCommand(const QStringList& arguments);
int benchCommand(const QStringList& arguments);
int evaluateCommand(const QStringList& arguments);
int detectCommand(const QStringList& arguments);
int approvalsCommand(const QStringList& arguments);
int auditCommand(const QStringList& arguments);
int interventionsCommand(const QStringList& arguments);
int syncCommand(const QStringList& arguments);
int publishCommand(const QStringList& arguments);

} // namespace payops::cli
