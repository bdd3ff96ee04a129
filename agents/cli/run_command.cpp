#include "run_command.h"

#include "runtime/cycle_report.h"
#include "stream/scenario_loader.h"

#include <cerrno>
#include <chrono>
#include <cstring>
#include <nlohmann/json.hpp>
#include <ostream>
#include <thread>

namespace payops {

namespace {

// False when the report could not be written (a full disk): the run stops there, since nobody would see what it
// does next (a saved run can be resumed). A closed pipe ends it as it ends any program, by SIGPIPE.
bool report(const CycleSnapshot& snap, bool json, std::ostream& out, std::ostream& err)
{
    errno = 0; // a failed write on the way sets it
    if (json)
        out << snapshotToJson(snap).dump() << "\n";
    else
        out << formatCycleReport(snap) << "\n";
    out.flush();
    if (out.good())
        return true;
    const int why = errno;
    err << "payops-agent: cannot write the report of cycle " << snap.cycle << " to standard output"
        << (why ? std::string(": ") + std::strerror(why) : std::string()) << "\n";
    return false;
}

void pace(std::chrono::steady_clock::time_point wallStart, TimeMs simulatedSinceStart, double speed)
{
    if (speed <= 0)
        return;
    std::this_thread::sleep_until(wallStart + std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                                                  std::chrono::duration<double>(simulatedSinceStart / 1000.0 / speed)));
}

} // namespace

int runAgent(const RunOptions& options, std::ostream& out, std::ostream& err)
{
    const auto wallStart = std::chrono::steady_clock::now();
    if (!options.persist) {
        AgentRuntime runtime(options.session.config, options.session.seed);
        if (options.session.scenario) {
            const auto& src = *options.session.scenario;
            const ScenarioNames names = scenarioNamesOf(options.session.config.simulator);
            auto scenario = src.builtinName.empty() ? parseScenario(src.yaml, src.path, &names)
                                                    : loadBuiltinScenario(src.builtinName, &names);
            if (!scenario.ok()) {
                err << "payops-agent: " << scenario.error() << "\n";
                return 2;
            }
            if (Status s = runtime.setScenario(*scenario); !s.ok()) {
                err << "payops-agent: " << s.error() << "\n";
                return 2;
            }
        }
        for (std::int64_t i = 0; i < options.cycles; ++i) {
            CycleSnapshotPtr snap = runtime.runCycle();
            (void)runtime.takeAudit();
            (void)runtime.takeNewTransactions();
            if (!report(*snap, options.json, out, err))
                return 1;
            pace(wallStart, snap->timeMs - runtime.startMs(), options.speed);
        }
        return 0;
    }

    auto session = AgentSession::open(options.session);
    if (!session.ok()) {
        err << "payops-agent: " << session.error() << "\n";
        return session.failure().busy ? 1 : 2;
    }
    AgentSession& s = *session.value();
    const TimeMs firstCycleStart = s.runtime().nowMs();
    std::int64_t cycles = options.cycles;
    // A resumed run finishes the story it was telling: ten more cycles stopped a killed issuer_outage run halfway,
    // and a finished one ran on past its scenario's end without a word.
    const std::optional<Scenario>& scenario = s.runtime().simulator().scenario();
    if (s.resumed() && !options.cyclesGiven && scenario && scenario->suggestedDurationMs > 0) {
        const TimeMs left = s.runtime().simulator().scenarioStartMs() + scenario->suggestedDurationMs - firstCycleStart;
        if (left <= 0) {
            // Decisions queued for it still apply: the approve that said "it applies when the run resumes" would
            // otherwise wait for a run that never steps. One cycle takes them; without any, nothing runs, said alone
            // (it followed "continuing the run", and nothing ran).
            auto queued = s.store().queuedCommands();
            const std::size_t waiting = queued.ok() ? queued.value().size() : 0;
            err << "payops-agent: the saved run has played scenario '" << scenario->name << "' to its end (cycle "
                << s.runtime().cycle() << "); ";
            if (waiting == 0) {
                err << "--cycles N runs it on\n";
                return 0;
            }
            err << "one more cycle applies the " << waiting << " decision" << (waiting == 1 ? "" : "s")
                << " queued for it (--cycles N runs it on)\n";
            cycles = 1;
        } else {
            const std::int64_t interval = std::max<std::int64_t>(s.runtime().config().policy.cycleIntervalMs, 1);
            cycles = (left + interval - 1) / interval;
        }
    }
    // Where it picks up, on standard error: a process killed after committing a cycle but before printing its report
    // left the output one cycle short, and the resumed output began a cycle later without a word.
    if (s.resumed())
        err << "payops-agent: continuing the run saved at cycle " << s.runtime().cycle()
            << (s.runtime().scenarioName().empty() ? std::string() : ", scenario " + s.runtime().scenarioName())
            << "\n";
    for (std::int64_t i = 0; i < cycles; ++i) {
        auto snap = s.step();
        if (!snap.ok()) {
            err << "payops-agent: " << snap.error() << "\n";
            return 1;
        }
        // On standard error, so a --json report stays one snapshot per line.
        for (const OperatorCommand& c : s.lastCommands())
            err << "payops-agent: command " << c.id << " (" << c.kind << " #" << c.targetId << " by " << c.actor << ") "
                << c.state << " at cycle " << snap.value()->cycle << ": " << c.result << "\n";
        if (!report(*snap.value(), options.json, out, err))
            return 1;
        pace(wallStart, snap.value()->timeMs - firstCycleStart, options.speed);
    }
    return 0;
}

} // namespace payops
