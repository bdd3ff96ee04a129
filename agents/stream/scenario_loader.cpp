#include "scenario_loader.h"

#include "config/agent_config_schema.h"
#include "config/key_suggestion.h"
#include "config/text_file.h"
#include "config/yaml_reader.h"
#include "core/logging.h"

#include <QCoreApplication>
#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <system_error>
#include <utility>

namespace payops {

namespace {
// Scenario times become milliseconds added to timestamps: a year at most keeps every sum far from overflow.
constexpr double kMaxScenarioSeconds = 365.0 * 24 * 3600;
const Range kScenarioSeconds{0.0, kMaxScenarioSeconds, false, false};
const Range kScenarioPositiveSeconds{0.0, kMaxScenarioSeconds, true, false};
const Range kShareRange{0.0, 1.0, true, false}; // (0, 1]
} // namespace

namespace {

namespace fs = std::filesystem;
using Entry = YamlReader::Entry;
using MapView = YamlReader::MapView;

constexpr int kScenarioVersion = 1;

struct ParamSpec {
    std::string_view key;
    PathParam param;
    Range setRange;   // for `set`: the value itself
    Range scaleRange; // for `scale`: the factor
};

const std::vector<ParamSpec>& paramSpecs()
{
    static const std::vector<ParamSpec> specs = {
        {"success", PathParam::Success, Range::probability(), Range::nonNegative()},
        {"latency_ms", PathParam::LatencyMs, Range::nonNegative(), Range::nonNegative()},
        {"retry_prob", PathParam::RetryProb, Range::probability(), Range::nonNegative()},
        // The simulator draws Exp(mean): a mean of 0 has no distribution.
        {"retry_count_mean", PathParam::RetryCountMean, Range::positive(), Range::positive()},
        {"traffic", PathParam::Traffic, Range::nonNegative(), Range::nonNegative()},
    };
    return specs;
}

std::vector<std::string_view> paramKeys()
{
    std::vector<std::string_view> keys;
    for (const auto& p : paramSpecs())
        keys.push_back(p.key);
    return keys;
}

std::int64_t toMs(double seconds)
{
    return static_cast<std::int64_t>(std::llround(seconds * 1000.0));
}

std::string secondsText(std::int64_t ms)
{
    return formatNumber(static_cast<double>(ms) / 1000.0);
}

class ScenarioReader {
public:
    ScenarioReader(YamlReader& reader, const ScenarioNames* known) : r(reader), m_known(known) {}

    void readDocument(const YAML::Node& root, Scenario& s)
    {
        const MapView top = r.map(root, YAML::Mark(), "", {"version", "name", "description", "duration_s", "events"});
        if (!top.valid)
            return;
        if (const Entry* e = top.find("version")) {
            if (auto v = r.integer(*e, "version", Range::any()); v && *v != kScenarioVersion)
                r.error(e->valueMark(), "version: unsupported scenario version " + std::to_string(*v) +
                                            " (this build reads version " + std::to_string(kScenarioVersion) + ")");
        }
        if (const Entry* e = top.find("name")) {
            if (auto v = r.string(*e, "name", true))
                s.name = *v;
        } else {
            r.error(top.mark, "missing required key 'name'");
        }
        if (const Entry* e = top.find("description")) {
            if (auto v = r.string(*e, "description"))
                s.description = *v;
        }
        if (const Entry* e = top.find("duration_s")) {
            if (auto v = r.number(*e, "duration_s", kScenarioSeconds))
                s.suggestedDurationMs = toMs(*v);
        }
        if (const Entry* e = top.find("events"); e && r.sequence(e->value, e->keyMark, "events")) {
            std::size_t index = 0;
            for (const YAML::Node& node : e->value) {
                ScenarioEvent event;
                const std::string path = "events[" + std::to_string(index++) + "]";
                if (readEvent(node, e->keyMark, path, s, event))
                    s.events.push_back(std::move(event));
            }
        }
    }

private:
    std::optional<std::int64_t> seconds(const MapView& view, std::string_view key, const std::string& path,
                                        const Range& range)
    {
        const Entry* e = view.find(key);
        if (!e)
            return std::nullopt;
        auto v = r.number(*e, YamlReader::join(path, key), range);
        return v ? std::optional<std::int64_t>(toMs(*v)) : std::nullopt;
    }

    bool readEvent(const YAML::Node& node, const YAML::Mark& fallback, const std::string& path, const Scenario& s,
                   ScenarioEvent& ev)
    {
        const MapView view = r.map(node, fallback, path,
                                   {"label", "at_s", "duration_s", "ramp_s", "repeat", "issuer", "method", "set",
                                    "scale", "share", "error_code", "expect"});
        if (!view.valid)
            return false;
        if (const Entry* e = view.find("label")) {
            if (auto v = r.string(*e, YamlReader::join(path, "label"), true))
                ev.label = *v;
        } else {
            r.error(view.mark, path + ": missing required key 'label'");
        }
        if (auto v = seconds(view, "at_s", path, kScenarioSeconds))
            ev.atMs = *v;
        if (auto v = seconds(view, "duration_s", path, kScenarioSeconds))
            ev.durationMs = *v;
        if (auto v = seconds(view, "ramp_s", path, kScenarioSeconds))
            ev.rampMs = *v;
        const std::pair<std::string_view, std::string*> names[] = {
            {"issuer", &ev.issuer}, {"method", &ev.method}, {"error_code", &ev.errorCode}};
        for (const auto& [key, target] : names) {
            if (const Entry* e = view.find(key)) {
                if (auto v = r.string(*e, YamlReader::join(path, key), true))
                    *target = *v;
            }
        }
        const auto at = [&](std::string_view key) {
            const Entry* e = view.find(key);
            return e ? r.where(e->valueMark()) : std::string();
        };
        ev.issuerAt = at("issuer");
        ev.methodAt = at("method");
        if (m_known) {
            checkName(view, "issuer", path, ev.issuer, m_known->issuers);
            checkName(view, "method", path, ev.method, m_known->methods);
        }
        if (const Entry* e = view.find("expect")) {
            if (auto v = r.string(*e, YamlReader::join(path, "expect"), true, anomalyPatternNames()))
                ev.expectedPattern = *v;
        }
        if (const Entry* e = view.find("repeat"))
            readRepeat(*e, YamlReader::join(path, "repeat"), ev);
        readOverrides(view, path, ev);
        if (const Entry* e = view.find("share")) {
            if (auto v = r.number(*e, YamlReader::join(path, "share"), kShareRange))
                ev.share = *v;
            if (!ev.shareFits())
                r.error(e->keyMark, path + ": a share below 1 changes latency_ms only (a slow tail); success, "
                                           "retries, traffic and error codes are chances or weights already: scale "
                                           "those instead");
        }

        // A ramp longer than half the event would never reach full strength: almost certainly a typo.
        if (ev.durationMs > 0 && ev.rampMs * 2 > ev.durationMs)
            r.error(view.markOf("ramp_s"), path + ": ramp_s (" + secondsText(ev.rampMs) +
                                               ") must be at most half of duration_s (" + secondsText(ev.durationMs) +
                                               ")");
        if (s.suggestedDurationMs > 0 && ev.atMs >= s.suggestedDurationMs)
            r.error(view.markOf("at_s"), path + ": at_s (" + secondsText(ev.atMs) +
                                             ") is not within the scenario's duration_s (" +
                                             secondsText(s.suggestedDurationMs) + ")");
        if (ev.repeatCount > 1) {
            if (ev.durationMs == 0)
                r.error(view.markOf("repeat"),
                        path + ": a repeated event needs a duration_s above 0 (it would never end)");
            else if (ev.repeatEveryMs < ev.durationMs)
                r.error(view.markOf("repeat"), path + ": repeat.every_s (" + secondsText(ev.repeatEveryMs) +
                                                   ") must be at least duration_s (" + secondsText(ev.durationMs) +
                                                   ") so repetitions do not overlap");
        }
        return true;
    }

    void readRepeat(const Entry& e, const std::string& path, ScenarioEvent& ev)
    {
        const MapView view = r.map(e.value, e.keyMark, path, {"count", "every_s"});
        if (!view.valid)
            return;
        if (const Entry* c = view.find("count")) {
            if (auto v = r.integer(*c, YamlReader::join(path, "count"), Range::atLeast(1), 1, 100000))
                ev.repeatCount = static_cast<int>(*v);
        }
        if (auto v = seconds(view, "every_s", path, kScenarioPositiveSeconds))
            ev.repeatEveryMs = *v;
        if (ev.repeatCount > 1 && !view.find("every_s"))
            r.error(view.mark, path + ": missing required key 'every_s' (count is above 1)");
    }

    void readOverrides(const MapView& event, const std::string& path, ScenarioEvent& ev)
    {
        const std::vector<std::string_view> keys = paramKeys();
        MapView setView;
        MapView scaleView;
        if (const Entry* e = event.find("set"))
            setView = r.map(e->value, e->keyMark, YamlReader::join(path, "set"), keys);
        if (const Entry* e = event.find("scale"))
            scaleView = r.map(e->value, e->keyMark, YamlReader::join(path, "scale"), keys);

        for (const auto& entry : setView.entries) {
            const ParamSpec& spec = specFor(entry.key);
            if (auto v = r.number(entry, YamlReader::join(path, "set." + entry.key), spec.setRange))
                ev.overrides.push_back({spec.param, *v, std::nullopt});
        }
        for (const auto& entry : scaleView.entries) {
            const ParamSpec& spec = specFor(entry.key);
            // Each param is either replaced or multiplied: both at once has no single meaning.
            if (setView.find(entry.key)) {
                r.error(entry.keyMark, path + ": '" + entry.key + "' is both in set and in scale (use one)");
                continue;
            }
            if (auto v = r.number(entry, YamlReader::join(path, "scale." + entry.key), spec.scaleRange))
                ev.overrides.push_back({spec.param, std::nullopt, *v});
        }
        // Only when nothing was written at all: a misspelt or invalid param is reported on its own.
        const auto written = [&](std::string_view key) {
            const Entry* e = event.find(key);
            return e && !(e->value.IsMap() && e->value.size() == 0) && !e->value.IsNull();
        };
        if (!written("set") && !written("scale"))
            r.error(event.mark, path + ": the event changes nothing (give a 'set' or 'scale' map)");
    }

    void checkName(const MapView& view, std::string_view key, const std::string& path, const std::string& name,
                   const std::vector<std::string>& known)
    {
        if (const auto unknown = unknownScenarioName(std::string(key), name, known))
            r.error(view.find(key)->valueMark(), YamlReader::join(path, key) + ": " + *unknown);
    }

    static const ParamSpec& specFor(const std::string& key)
    {
        const auto& specs = paramSpecs();
        return *std::find_if(specs.begin(), specs.end(), [&](const ParamSpec& p) { return p.key == key; });
    }

    YamlReader& r;
    const ScenarioNames* m_known;
};

std::optional<fs::path> executableDir()
{
    if (QCoreApplication::instance())
        return fs::path(QCoreApplication::applicationDirPath().toStdString());
    std::error_code ec;
    const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    if (ec)
        return std::nullopt;
    return exe.parent_path();
}

bool isDir(const fs::path& p)
{
    std::error_code ec;
    return fs::is_directory(p, ec);
}

// The candidates in lookup order (see the header), for finding the directory and for error messages.
std::vector<fs::path> candidateDirs(bool& envAuthoritative)
{
    std::vector<fs::path> dirs;
    envAuthoritative = false;
    if (const char* env = std::getenv("PAYOPS_SCENARIO_DIR"); env && *env) {
        envAuthoritative = true;
        dirs.emplace_back(env);
        return dirs;
    }
    if (auto exe = executableDir()) {
        dirs.push_back(*exe / ".." / "share" / "payops" / "scenarios");
        // Build trees sit a few levels below the source tree (build/<preset>/app, build/<preset>/tests/agents).
        fs::path dir = *exe;
        for (int depth = 0; depth <= 5 && !dir.empty(); ++depth) {
            dirs.push_back(dir / "resources" / "scenarios");
            if (dir == dir.parent_path())
                break;
            dir = dir.parent_path();
        }
    }
#ifdef PAYOPS_SOURCE_SCENARIO_DIR
    dirs.emplace_back(PAYOPS_SOURCE_SCENARIO_DIR);
#endif
    return dirs;
}

bool validScenarioName(const std::string& name)
{
    return !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    });
}

} // namespace

ScenarioNames scenarioNamesOf(const SimulatorConfig& config)
{
    ScenarioNames names;
    for (const auto& i : config.issuers)
        names.issuers.push_back(i.name);
    for (const auto& m : config.methods)
        names.methods.push_back(m.name);
    return names;
}

std::optional<std::string> unknownScenarioName(const std::string& what, const std::string& name,
                                               const std::vector<std::string>& known)
{
    if (name.empty() || std::find(known.begin(), known.end(), name) != known.end())
        return std::nullopt;
    const std::optional<std::string> near = suggestName(name, known);
    return "unknown " + what + " '" + name + "' (simulator." + what + "s has " + joinNames(known) +
           (near ? "; did you mean '" + *near + "'?" : std::string()) + ")";
}

Result<Scenario> parseScenario(const std::string& yamlText, const std::string& sourceName, const ScenarioNames* known)
{
    YamlReader reader(sourceName);
    Scenario scenario;
    try {
        if (auto root = reader.load(yamlText)) {
            if (root->IsNull())
                reader.error(YAML::Mark(), "empty scenario document (it needs at least a 'name')");
            else
                ScenarioReader(reader, known).readDocument(*root, scenario);
        }
    } catch (const YAML::Exception& e) {
        reader.error(e.mark, "cannot read YAML: " + e.msg);
    } catch (const std::exception& e) {
        reader.error(YAML::Mark(), std::string("cannot read scenario: ") + e.what());
    }
    if (reader.failed())
        return reader.takeError();
    return scenario;
}

Result<Scenario> loadScenarioFile(const std::string& path, const ScenarioNames* known)
{
    Result<std::string> text = readTextFile(path);
    if (!text)
        return text.failure();
    return parseScenario(*text, path, known);
}

std::optional<std::string> builtinScenarioDir()
{
    bool envAuthoritative = false;
    for (const auto& dir : candidateDirs(envAuthoritative)) {
        if (isDir(dir))
            return dir.lexically_normal().string();
    }
    return std::nullopt;
}

std::vector<std::string> builtinScenarioNames()
{
    std::vector<std::string> names;
    const auto dir = builtinScenarioDir();
    if (!dir)
        return names;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(*dir, ec)) {
        const fs::path& p = entry.path();
        if (p.extension() == ".yaml" && validScenarioName(p.stem().string()) && entry.is_regular_file(ec))
            names.push_back(p.stem().string());
    }
    std::sort(names.begin(), names.end());
    return names;
}

Result<Scenario> loadBuiltinScenario(const std::string& name, const ScenarioNames* known)
{
    const auto dir = builtinScenarioDir();
    if (!dir) {
        bool envAuthoritative = false;
        std::string looked;
        for (const auto& d : candidateDirs(envAuthoritative))
            looked += (looked.empty() ? "" : ", ") + d.lexically_normal().string();
        return Error{"no built-in scenario directory found (set PAYOPS_SCENARIO_DIR; looked in: " + looked + ")"};
    }
    const std::vector<std::string> names = builtinScenarioNames();
    // Names are file names: anything else (a path, "..") is simply not one of them.
    if (!validScenarioName(name) || std::find(names.begin(), names.end(), name) == names.end()) {
        std::string msg = "unknown scenario '" + name + "'";
        const std::vector<std::string_view> known(names.begin(), names.end());
        if (auto s = suggestKey(name, known))
            msg += " (did you mean '" + *s + "'?)";
        msg += "; available: " + (names.empty() ? std::string("none in ") + *dir : joinNames(names));
        return Error{msg};
    }
    const std::string path = (fs::path(*dir) / (name + ".yaml")).string();
    qCDebug(lcStream) << "loading built-in scenario" << QString::fromStdString(path);
    return loadScenarioFile(path, known);
}

} // namespace payops
