// payops-agent bench [--json]
#include "cli/bench_command.h"
#include "cli/cli_common.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>

namespace payops::cli {

int benchCommand(const QStringList& arguments)
{
    QCommandLineParser p;
    p.setApplicationDescription(QCoreApplication::translate(
        "payops-agent",
        "Measure generation, ingest, decide-cycle and anomaly-detection speed on this machine (one core)."));
    p.addHelpOption();
    QCommandLineOption json(QStringLiteral("json"), QCoreApplication::translate("payops-agent", "Print JSON."));
    p.addOption(json);
    parseCommandLine(p, arguments, QStringLiteral("bench"));
    const nlohmann::json r = runBenchmarks({});
    if (p.isSet(json)) {
        std::cout << r.dump(2) << "\n";
        return 0;
    }
    // Each figure with its --json name, so a figure quoted from either form can be found in the other.
    std::printf("simulator generation : %12.0f tx/s    (generate_tx_per_s)\n", r["generate_tx_per_s"].get<double>());
    std::printf("window ingest        : %12.0f tx/s    (ingest_tx_per_s)\n", r["ingest_tx_per_s"].get<double>());
    for (const auto& [window, us] : r["cycle_us"].items())
        std::printf("decide cycle, window %8s tx : %8.1f us  (cycle_us.%s)\n", window.c_str(), us.get<double>(),
                    window.c_str());
    std::printf("anomaly detector     : %12.0f rows/s  (detect_rows_per_s)\n", r["detect_rows_per_s"].get<double>());
    std::printf("detect, CSV to CSV   : %12.0f rows/s  (detect_csv_rows_per_s)\n",
                r["detect_csv_rows_per_s"].get<double>());
    return 0;
}

} // namespace payops::cli
