#include "config_loader.h"

#include "config/agent_config_schema.h"
#include "config/text_file.h"
#include "config/yaml_reader.h"
#include "core/logging.h"

#include <algorithm>
#include <map>

namespace payops {

namespace {

using Entry = YamlReader::Entry;
using MapView = YamlReader::MapView;

template <typename T> struct ListItem {
    T value;
    MapView view;
    std::string path;
};

// The raw text of a list item's naming key, before its fields are read: picks the default item to start from.
std::string peekScalar(const MapView& view, std::string_view key)
{
    const Entry* e = view.find(key);
    return e && e->value.IsScalar() ? e->value.Scalar() : std::string();
}

// Where a cross-field problem about `key` is shown: at its value when given, else at the map.
YAML::Mark valueMarkOf(const MapView& view, std::string_view key)
{
    const Entry* e = view.find(key);
    return e ? e->valueMark() : view.mark;
}

class AgentConfigReader {
public:
    AgentConfigReader(YamlReader& reader, AgentConfig& config) : r(reader), c(config) {}

    void readDocument(const YAML::Node& root)
    {
        const MapView top = r.map(root, YAML::Mark(), "", agentConfigSectionNames());
        if (!top.valid)
            return;
        if (const Entry* e = top.find("version")) {
            if (auto v = r.integer(*e, "version", Range::any()); v && *v != kAgentConfigVersion)
                r.error(e->valueMark(), "version: unsupported schema version " + std::to_string(*v) +
                                            " (this build reads version " + std::to_string(kAgentConfigVersion) + ")");
        }
        if (const Entry* e = top.find("simulator"))
            readSimulator(*e);
        if (const Entry* e = top.find("detector"))
            readDetector(*e);
        if (const Entry* e = top.find("hypotheses"))
            readHypotheses(*e);
        if (const Entry* e = top.find("interventions"))
            readInterventions(*e);
        if (const Entry* e = top.find("nrv"))
            r.fields(e->value, e->keyMark, "nrv", nrvFields(), c.nrv);
        if (const Entry* e = top.find("policy"))
            r.fields(e->value, e->keyMark, "policy", policyFields(), c.policy);
        if (const Entry* e = top.find("safety"))
            r.fields(e->value, e->keyMark, "safety", safetyFields(), c.safety);
        if (const Entry* e = top.find("learning")) {
            const MapView v = r.fields(e->value, e->keyMark, "learning", learningFields(), c.learning);
            checkOrder(v, "learning", "confidence_min", c.learning.confidenceMin, "confidence_max",
                       c.learning.confidenceMax);
        }
        if (const Entry* e = top.find("store"))
            r.fields(e->value, e->keyMark, "store", storeFields(), c.store);
    }

private:
    // `lowKey` <= `highKey`; reported at the low key when given (that is usually the one just edited).
    void checkOrder(const MapView& view, const std::string& path, std::string_view lowKey, double low,
                    std::string_view highKey, double high)
    {
        if (!view.valid || low <= high)
            return;
        const YAML::Mark at = view.find(lowKey) ? view.markOf(lowKey) : view.markOf(highKey);
        r.error(at, YamlReader::label(path) + std::string(lowKey) + " (" + formatNumber(low) + ") must not exceed " +
                        std::string(highKey) + " (" + formatNumber(high) + ")");
    }

    template <typename T, typename Seed>
    std::optional<std::vector<ListItem<T>>> readList(const Entry& e, const std::string& path,
                                                     const FieldTable<T>& table, Seed seed)
    {
        if (!r.sequence(e.value, e.keyMark, path))
            return std::nullopt;
        std::vector<ListItem<T>> items;
        std::size_t index = 0;
        for (const YAML::Node& node : e.value) {
            std::string itemPath = path + "[" + std::to_string(index++) + "]";
            MapView view = r.map(node, e.keyMark, itemPath, keysOf(table));
            if (!view.valid)
                continue;
            T value = seed(view);
            r.readFields(view, itemPath, table, value);
            items.push_back({std::move(value), std::move(view), std::move(itemPath)});
        }
        return items;
    }

    // Reports a second item with the same identity; `what` is "issuer", "method", ...
    template <typename T, typename KeyOf>
    void checkUnique(const std::vector<ListItem<T>>& items, std::string_view namingKey, const std::string& what,
                     KeyOf keyOf)
    {
        std::map<std::string, const ListItem<T>*> seen;
        for (const auto& item : items) {
            const std::string key = keyOf(item.value);
            if (key.empty())
                continue; // already reported as missing
            auto [it, inserted] = seen.emplace(key, &item);
            if (!inserted)
                r.error(valueMarkOf(item.view, namingKey),
                        YamlReader::label(YamlReader::join(item.path, namingKey)) + "duplicate " + what + " '" + key +
                            "' (first at line " + std::to_string(it->second->view.markOf(namingKey).line + 1) + ")");
        }
    }

    template <typename T>
    void checkWeights(const std::vector<ListItem<T>>& items, const Entry& e, const std::string& path)
    {
        if (items.size() != e.value.size())
            return; // an item was not even a map: its weight is unknown, so the sum says nothing
        double total = 0;
        for (const auto& item : items)
            total += item.value.weight;
        if (!items.empty() && total <= 0)
            r.error(e.keyMark, YamlReader::label(path) + "at least one weight must be above 0");
    }

    void readSimulator(const Entry& section)
    {
        const std::string path = "simulator";
        const MapView view = r.fields(section.value, section.keyMark, path, simulatorFields(), c.simulator,
                                      {"drift", "issuers", "methods"});
        if (!view.valid)
            return;
        checkOrder(view, path, "amount_min", c.simulator.amountMin, "amount_max", c.simulator.amountMax);
        if (const Entry* e = view.find("drift"))
            readDrift(*e);
        if (const Entry* e = view.find("issuers"))
            readIssuers(*e);
        if (const Entry* e = view.find("methods"))
            readMethods(*e);
    }

    void readDrift(const Entry& e)
    {
        const std::string path = "simulator.drift";
        auto& d = c.simulator.drift;
        const MapView view = r.fields(e.value, e.keyMark, path, driftFields(), d);
        checkOrder(view, path, "success_min", d.successMin, "success_max", d.successMax);
        checkOrder(view, path, "latency_min_ms", d.latencyMinMs, "latency_max_ms", d.latencyMaxMs);
        checkOrder(view, path, "retry_min", d.retryMin, "retry_max", d.retryMax);
    }

    void readIssuers(const Entry& e)
    {
        const std::string path = "simulator.issuers";
        const auto defaults = defaultAgentConfig().simulator.issuers;
        auto items = readList(e, path, issuerFields(), [&](const MapView& v) {
            const std::string name = peekScalar(v, "name");
            auto it = std::find_if(defaults.begin(), defaults.end(), [&](const auto& d) { return d.name == name; });
            return it != defaults.end() ? *it : IssuerProfile{};
        });
        if (!items)
            return;
        if (e.value.size() == 0)
            r.error(e.valueMark(), path + ": must list at least one issuer");
        checkUnique(*items, "name", "issuer", [](const IssuerProfile& i) { return i.name; });
        checkWeights(*items, e, path);
        c.simulator.issuers.clear();
        for (auto& item : *items)
            c.simulator.issuers.push_back(std::move(item.value));
    }

    void readMethods(const Entry& e)
    {
        const std::string path = "simulator.methods";
        const auto defaults = defaultAgentConfig().simulator.methods;
        auto items = readList(e, path, methodFields(), [&](const MapView& v) {
            const std::string name = peekScalar(v, "name");
            auto it = std::find_if(defaults.begin(), defaults.end(), [&](const auto& d) { return d.name == name; });
            return it != defaults.end() ? *it : MethodProfile{};
        });
        if (!items)
            return;
        if (e.value.size() == 0)
            r.error(e.valueMark(), path + ": must list at least one method");
        checkUnique(*items, "name", "method", [](const MethodProfile& m) { return m.name; });
        checkWeights(*items, e, path);
        // An alternative is where reroute_traffic sends the method's volume: it must be another listed method.
        // An empty alternative means the method is never rerouted.
        std::vector<std::string_view> names;
        for (const auto& item : *items)
            names.push_back(item.value.name);
        for (const auto& item : *items) {
            const MethodProfile& m = item.value;
            if (m.alternative.empty() || m.name.empty())
                continue;
            const std::string where = YamlReader::label(YamlReader::join(item.path, "alternative"));
            const YAML::Mark at = valueMarkOf(item.view, item.view.find("alternative") ? "alternative" : "name");
            if (m.alternative == m.name) {
                r.error(at, where + "method '" + m.name + "' cannot be its own alternative");
            } else if (std::find(names.begin(), names.end(), m.alternative) == names.end()) {
                // A default method keeps its default alternative unless told otherwise; say where it came from.
                std::string msg = item.view.find("alternative")
                                      ? where + "'" + m.alternative + "' is not a configured method"
                                      : where + "the default alternative '" + m.alternative + "' of '" + m.name +
                                            "' is not in the list (give an alternative, or \"\" for none)";
                if (auto s = suggestName(m.alternative, std::vector<std::string>(names.begin(), names.end()));
                    s && item.view.find("alternative"))
                    msg += " (did you mean '" + *s + "'?)";
                r.error(at, msg);
            }
        }
        c.simulator.methods.clear();
        for (auto& item : *items)
            c.simulator.methods.push_back(std::move(item.value));
    }

    void readDetector(const Entry& e)
    {
        const std::string path = "detector";
        auto& d = c.detector;
        const MapView view = r.fields(e.value, e.keyMark, path, detectorFields(), d);
        if (!view.valid)
            return;
        // Severity classes are bands of one score: they only make sense strictly ordered.
        if (!(d.severityCritical > d.severityHigh && d.severityHigh > d.severityMedium)) {
            const char* key = view.find("severity_medium") ? "severity_medium"
                              : view.find("severity_high") ? "severity_high"
                                                           : "severity_critical";
            r.error(view.markOf(key), path + ": severity thresholds must be ordered severity_critical (" +
                                          formatNumber(d.severityCritical) + ") > severity_high (" +
                                          formatNumber(d.severityHigh) + ") > severity_medium (" +
                                          formatNumber(d.severityMedium) + ")");
        }
        // The deviation factor interpolates between the two: equal bounds would divide by zero.
        if (d.deviationZLow >= d.deviationZHigh) {
            const YAML::Mark at =
                view.find("deviation_z_low") ? view.markOf("deviation_z_low") : view.markOf("deviation_z_high");
            r.error(at, path + ": deviation_z_low (" + formatNumber(d.deviationZLow) +
                            ") must be below deviation_z_high (" + formatNumber(d.deviationZHigh) + ")");
        }
        // Confidence is a weighted sum of three factors in [0, 1]; it must stay a probability.
        const double weights = d.confidenceSampleWeight + d.confidenceCodeWeight + d.confidenceDeviationWeight;
        if (weights > 1.0 + 1e-9) {
            const char* key = view.find("confidence_deviation_weight") ? "confidence_deviation_weight"
                              : view.find("confidence_code_weight")    ? "confidence_code_weight"
                                                                       : "confidence_sample_weight";
            r.error(view.markOf(key), path +
                                          ": confidence_sample_weight + confidence_code_weight + "
                                          "confidence_deviation_weight must not exceed 1 (got " +
                                          formatNumber(weights) + ")");
        }
    }

    void readHypotheses(const Entry& e)
    {
        const auto defaults = defaultAgentConfig().hypotheses;
        auto items = readList(e, "hypotheses", hypothesisFields(), [&](const MapView& v) {
            const std::string pattern = peekScalar(v, "pattern");
            const std::string cause = peekScalar(v, "cause");
            auto it = std::find_if(defaults.begin(), defaults.end(),
                                   [&](const auto& d) { return d.pattern == pattern && d.cause == cause; });
            return it != defaults.end() ? *it : HypothesisTemplate{};
        });
        if (!items)
            return;
        checkUnique(*items, "cause", "hypothesis", [](const HypothesisTemplate& h) {
            return h.pattern.empty() || h.cause.empty() ? std::string() : h.pattern + "/" + h.cause;
        });
        c.hypotheses.clear();
        for (auto& item : *items)
            c.hypotheses.push_back(std::move(item.value));
    }

    void readInterventions(const Entry& e)
    {
        const auto defaults = defaultAgentConfig().interventions;
        auto items = readList(e, "interventions", interventionFields(), [&](const MapView& v) {
            const std::string type = peekScalar(v, "type");
            auto it = std::find_if(defaults.begin(), defaults.end(), [&](const auto& d) { return d.type == type; });
            return it != defaults.end() ? *it : InterventionTemplate{};
        });
        if (!items)
            return;
        // AgentConfig::intervention() looks a type up by name: a second entry would silently never be used.
        checkUnique(*items, "type", "intervention type", [](const InterventionTemplate& t) { return t.type; });
        c.interventions.clear();
        for (auto& item : *items)
            c.interventions.push_back(std::move(item.value));
    }

    YamlReader& r;
    AgentConfig& c;
};

} // namespace

Result<AgentConfig> parseAgentConfig(const std::string& yamlText, const std::string& sourceName)
{
    YamlReader reader(sourceName);
    AgentConfig config = defaultAgentConfig();
    try {
        if (auto root = reader.load(yamlText))
            AgentConfigReader(reader, config).readDocument(*root);
    } catch (const YAML::Exception& e) {
        // The reader checks node types before every access; this is a last line of defence, not a code path.
        reader.error(e.mark, "cannot read YAML: " + e.msg);
    } catch (const std::exception& e) {
        reader.error(YAML::Mark(), std::string("cannot read config: ") + e.what());
    }
    if (reader.failed())
        return reader.takeError();
    return config;
}

Result<AgentConfig> loadAgentConfigFile(const std::string& path)
{
    Result<std::string> text = readTextFile(path);
    if (!text)
        return text.failure();
    // The caller shows the errors to the user; logging them here too printed every problem twice.
    return parseAgentConfig(*text, path);
}

} // namespace payops
