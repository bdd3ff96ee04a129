#pragma once
// Reads scenarios (scenario.h) from YAML, with the same error reporting as the agent config: every problem as
// "SOURCE:LINE:COLUMN: message", one per line.
//
//   name: issuer_outage                 # required
//   description: HDFC stops approving   # optional
//   duration_s: 600                     # suggested run length (0 = open-ended)
//   events:                             # optional; none = the drift alone
//     - label: HDFC outage              # required
//       at_s: 90                        # start, seconds from the start of the run
//       duration_s: 180                 # 0 = until the end of the run
//       ramp_s: 10                      # linear fade in and out (at most half the duration)
//       repeat: {count: 5, every_s: 100}  # flapping; repetitions must not overlap
//       issuer: HDFC                    # optional: only this issuer's paths (default every issuer)
//       method: upi                     # optional: only this method's paths (default every method)
//       set: {success: 0.3}             # replace the drifting value ...
//       scale: {latency_ms: 4}          # ... or multiply it; params: success, latency_ms, retry_prob,
//                                       #     retry_count_mean, traffic (a param is either set or scaled)
//       error_code: "91"                # response code of the failures the event adds
//       expect: ISSUER_DEGRADATION      # the pattern an operator should see
//
// Seconds in YAML become milliseconds in the struct. Issuer and method names are checked against the config the
// scenario will run with when the caller gives its names (ScenarioNames), else when the scenario is installed
// (Simulator::setScenario).
//
// Built-in scenarios are the files <name>.yaml of one directory, found in this order:
//   1. $PAYOPS_SCENARIO_DIR when set (authoritative: nothing else is tried);
//   2. <executable dir>/../share/payops/scenarios (the installed layout);
//   3. resources/scenarios in the executable's directory or one of its ancestors (running from a build tree
//      inside the source tree, e.g. build/dev/app -> ../../../resources/scenarios);
//   4. the PAYOPS_SOURCE_SCENARIO_DIR compile definition, when the build provides one.
// The executable's directory is QCoreApplication::applicationDirPath() when an application object exists, else
// that of /proc/self/exe.

#include "config/agent_config.h"
#include "core/result.h"
#include "stream/scenario.h"

#include <optional>
#include <string>
#include <vector>

namespace payops {

// The issuers and methods of the config a scenario will run with. Given to parseScenario, an event naming another one
// is reported at its line together with the file's other mistakes, not in a second round once those are mended.
struct ScenarioNames {
    std::vector<std::string> issuers;
    std::vector<std::string> methods;
};
ScenarioNames scenarioNamesOf(const SimulatorConfig& config);

// "unknown issuer 'HDFCC' (simulator.issuers has HDFC, ICICI; did you mean 'HDFC'?)" when `name` is neither empty
// nor one of `known`, else nothing: `what` is "issuer" or "method". Shared by the loader and Simulator::setScenario,
// so a name is checked and reported alike wherever it is caught.
std::optional<std::string> unknownScenarioName(const std::string& what, const std::string& name,
                                               const std::vector<std::string>& known);

Result<Scenario> parseScenario(const std::string& yamlText, const std::string& sourceName,
                               const ScenarioNames* known = nullptr);

// Reads and parses a file; an unreadable file is "PATH: cannot read: reason".
Result<Scenario> loadScenarioFile(const std::string& path, const ScenarioNames* known = nullptr);

// The built-in scenario `name` (the file name without .yaml); an unknown name lists the available ones. Given the
// config's names, an event naming another issuer or method is said with the file's other mistakes.
Result<Scenario> loadBuiltinScenario(const std::string& name, const ScenarioNames* known = nullptr);

// Names of the built-in scenarios, sorted; empty when no scenario directory is found.
std::vector<std::string> builtinScenarioNames();

// The directory the lookup above settles on, if any (shown in the UI and in error messages).
std::optional<std::string> builtinScenarioDir();

} // namespace payops
