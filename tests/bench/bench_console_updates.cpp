// What one runtime snapshot costs the console's GUI thread at scale: 50 issuers x 5 methods, one snapshot every
// 250 ms of simulated time (4 Hz), for one simulated hour (14 400 snapshots). Each snapshot is made by the real
// runtime (outside the timed region, as the worker thread does) and handed to the GUI side exactly as the console does
// (ConsoleData::applySnapshot, which updates history, triage and every model) with the real main window shown
// offscreen, the Health page visible and its chart redrawn, and every posted paint event processed before the clock
// stops.
//
// Prints the median, p99 and max time per snapshot, and the resident memory before and after the hour.
//   QT_QPA_PLATFORM=offscreen build/dev/tests/bench/bench_console_updates [--snapshots N] [--json]
//                                                                        [--redraw-every-snapshot]

#include "models/console_data.h"
#include "models/console_settings.h"
#include "runtime/agent_runtime.h"
#include "runtime/runtime_host.h"
#include "ui/health_page.h"
#include "ui/main_window.h"
#include "ui/metric_chart.h"
#include "ui/prompter.h"
#include "ui/theme.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <algorithm>
#include <cstdio>
#include <vector>

using namespace payops;

namespace {

long residentKb()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray& line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').first().toLong();
    }
    return -1;
}

AgentConfig wideConfig()
{
    AgentConfig c = defaultAgentConfig();
    c.simulator.issuers.clear();
    for (int i = 0; i < 50; ++i) {
        IssuerProfile p;
        p.name = "ISSUER" + std::to_string(i + 1);
        c.simulator.issuers.push_back(p);
    }
    c.simulator.ratePerS = 400; // enough traffic that every one of the 250 paths has transactions in its window
    c.policy.cycleIntervalMs = 250;
    return c;
}

} // namespace

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    int count = 14'400;
    bool json = false;
    bool redrawAll = false;
    const int redrawEvery = static_cast<int>(std::max<qint64>(1, HealthPage::kChartRedrawIntervalMs / 250));
    for (int i = 1; i < argc; ++i) {
        if (QByteArray(argv[i]) == "--snapshots" && i + 1 < argc)
            count = std::max(10, std::atoi(argv[++i]));
        else if (QByteArray(argv[i]) == "--json")
            json = true;
        else if (QByteArray(argv[i]) == "--redraw-every-snapshot")
            redrawAll = true;
    }

    const AgentConfig config = wideConfig();
    if (config.simulator.methods.size() != 5)
        std::fprintf(stderr, "note: the default config has %zu methods\n", config.simulator.methods.size());
    AgentRuntime runtime(config, 11);

    QTemporaryDir dir;
    ConsoleSettings settings(dir.filePath(QStringLiteral("s.ini")));
    Theme::apply(ConsoleSettings::Theme::Light);
    SystemClock clock;
    ConsoleData data(clock);
    RuntimeHost host; // idle: the snapshots come from above
    ScriptedPrompter prompter;
    MainWindow window(data, host, settings, prompter);
    window.resize(1400, 900);
    window.show();
    window.showPage(QStringLiteral("health"));
    window.healthPage()->setRangeIndex(2); // last hour: the largest chart a user keeps on screen by default
    if (qEnvironmentVariableIsSet("BENCH_HIDE_CHART"))
        window.healthPage()->chart()->hide();
    QApplication::processEvents();
    const long rssBefore = residentKb();
    std::fprintf(stderr, "feeding %d snapshots of %zu issuers x %zu methods...\n", count,
                 config.simulator.issuers.size(), config.simulator.methods.size());

    std::vector<double> ms;
    ms.reserve(static_cast<std::size_t>(count));
    struct Split {
        double models, chart, paint;
    };
    std::vector<Split> splits; // per snapshot, to say what the slowest ones are made of
    splits.reserve(static_cast<std::size_t>(count));
    double dataMs = 0, chartMs = 0, paintMs = 0; // where the time goes, summed
    QElapsedTimer t;
    for (int i = 0; i < count; ++i) {
        CycleSnapshotPtr snapshot = runtime.runCycle(); // made outside the timed region, like the worker thread does
        (void)runtime.takeAudit();
        (void)runtime.takeNewTransactions();
        t.start();
        data.applySnapshot(snapshot);
        const qint64 a = t.nsecsElapsed();
        // The page redraws its chart at most once per kChartRedrawIntervalMs of wall time; snapshots arrive every
        // 250 ms, so that is every `redrawEvery`-th snapshot. The bench feeds faster than real time, so it applies
        // the same rule by count instead of by clock (--redraw-every-snapshot: the worst case, every time).
        if (redrawAll || i % redrawEvery == 0)
            window.healthPage()->chart()->refresh();
        const qint64 b = t.nsecsElapsed();
        QApplication::processEvents(); // paints the table, sparklines and chart
        const qint64 c = t.nsecsElapsed();
        dataMs += static_cast<double>(a) / 1e6;
        chartMs += static_cast<double>(b - a) / 1e6;
        paintMs += static_cast<double>(c - b) / 1e6;
        ms.push_back(static_cast<double>(c) / 1e6);
        splits.push_back(
            {static_cast<double>(a) / 1e6, static_cast<double>(b - a) / 1e6, static_cast<double>(c - b) / 1e6});
    }
    const long rssAfter = residentKb();
    std::vector<double> sorted = ms;
    std::sort(sorted.begin(), sorted.end());
    const auto pct = [&](double p) {
        return sorted[static_cast<std::size_t>(p * static_cast<double>(sorted.size() - 1))];
    };
    std::vector<double> lastTenth(ms.end() - static_cast<long>(ms.size() / 10), ms.end());
    std::sort(lastTenth.begin(), lastTenth.end());
    const double lastMedian = lastTenth[lastTenth.size() / 2];
    if (json) {
        std::printf("{\"snapshots\":%d,\"issuers\":50,\"methods\":%zu,\"median_ms\":%.3f,\"p99_ms\":%.3f,"
                    "\"max_ms\":%.3f,\"last_tenth_median_ms\":%.3f,\"rss_kb_before\":%ld,\"rss_kb_after\":%ld,"
                    "\"history_points\":%zu}\n",
                    count, config.simulator.methods.size(), pct(0.5), pct(0.99), sorted.back(), lastMedian, rssBefore,
                    rssAfter, data.history().pointCount());
    } else {
        std::printf("snapshots            %d (%.1f simulated hours at 4 Hz), chart redrawn %s\n", count,
                    count / 4.0 / 3600.0, redrawAll ? "every snapshot" : "once a second");
        std::printf("GUI time / snapshot  median %.2f ms, p99 %.2f ms, max %.2f ms\n", pct(0.5), pct(0.99),
                    sorted.back());
        std::printf("last tenth median    %.2f ms (compare with the median: growth with the run shows here)\n",
                    lastMedian);
        const double n = static_cast<double>(count);
        std::printf("mean split           models %.2f ms, chart series %.2f ms, paint %.2f ms\n", dataMs / n,
                    chartMs / n, paintMs / n);
        // The slowest 1 %: what the p99 is made of.
        std::vector<std::size_t> order(ms.size());
        for (std::size_t i = 0; i < order.size(); ++i)
            order[i] = i;
        std::sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) { return ms[x] > ms[y]; });
        const std::size_t slow = std::max<std::size_t>(1, order.size() / 100);
        Split sum{0, 0, 0};
        std::size_t redrawn = 0;
        for (std::size_t k = 0; k < slow; ++k) {
            sum.models += splits[order[k]].models;
            sum.chart += splits[order[k]].chart;
            sum.paint += splits[order[k]].paint;
            redrawn += (redrawAll || order[k] % static_cast<std::size_t>(redrawEvery) == 0) ? 1 : 0;
        }
        const double m = static_cast<double>(slow);
        std::printf("slowest 1 %% split    models %.2f ms, chart series %.2f ms, paint %.2f ms (%zu of %zu redrew "
                    "the chart)\n",
                    sum.models / m, sum.chart / m, sum.paint / m, redrawn, slow);
        std::printf("resident memory      %ld KB before, %ld KB after (history holds %zu points)\n", rssBefore,
                    rssAfter, data.history().pointCount());
    }
    return 0;
}
