#include "audit_export.h"

#include "audit_chain.h"
#include "sqlite_statement.h"
#include "sqlite_transaction.h"

#include <chrono>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <ostream>
#include <string_view>

namespace payops::store_detail {

namespace {

using nlohmann::json;

// Records are JSON text by contract, but an export must not stop at the one record that is not: such a
// value is embedded as a string so the auditor still sees exactly what was stored.
json embedded(const std::string& text)
{
    if (text.empty())
        return nullptr;
    json parsed = json::parse(text, nullptr, /*allow_exceptions=*/false);
    if (parsed.is_discarded())
        return text;
    return parsed;
}

// Invalid UTF-8 in a stored string is replaced rather than thrown on: the hash column still proves what the
// original bytes were.
std::string dumpLine(const json& value)
{
    return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

} // namespace

std::string isoUtc(TimeMs ms)
{
    using namespace std::chrono;
    const sys_time<milliseconds> t{milliseconds{ms}};
    const sys_days day = floor<days>(t);
    const year_month_day ymd{day};
    const hh_mm_ss<milliseconds> hms{t - day};
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02uT%02d:%02d:%02d.%03dZ", static_cast<int>(ymd.year()),
                  static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                  static_cast<int>(hms.hours().count()), static_cast<int>(hms.minutes().count()),
                  static_cast<int>(hms.seconds().count()), static_cast<int>(hms.subseconds().count()));
    return buffer;
}

std::string csvField(const std::string& value)
{
    // A spreadsheet runs a cell that begins with = + - @ (or a tab or carriage return before one) as a formula:
    // an actor named "=HYPERLINK(...)" would act when the auditor opens the export. Such a cell is written with a
    // leading apostrophe, which spreadsheets show as text; the JSONL export keeps every value exactly.
    const bool formulaLike =
        !value.empty() && std::string_view("=+-@\t\r").find(value.front()) != std::string_view::npos;
    const std::string text = formulaLike ? "'" + value : value;
    if (text.find_first_of(",\"\r\n") == std::string::npos)
        return text;
    std::string out = "\"";
    for (char c : text) {
        if (c == '"')
            out += '"';
        out += c;
    }
    out += '"';
    return out;
}

Status writeAuditExport(sqlite3* db, const std::string& path, std::ostream& out, AuditExportFormat format)
{
    const std::string operation = "export the audit log of " + path;
    // One snapshot: records appended while exporting are either all in or all out.
    sqlite::Transaction tx(db);
    if (Status s = tx.begin(sqlite::Transaction::Kind::Deferred, operation); !s)
        return s;

    if (format == AuditExportFormat::Csv)
        out << "seq,time_ms,time_iso,actor,kind,config_version,inputs,outcome,prev_hash,hash\r\n";

    sqlite::Statement st(db, std::string("SELECT ") + kAuditColumns + " FROM audit ORDER BY seq");
    for (;;) {
        Result<bool> row = st.next(operation);
        if (!row)
            return row.failure();
        if (!*row)
            break;
        const AuditEntry e = readAuditRow(st);
        if (format == AuditExportFormat::Jsonl) {
            json record = json::object();
            record["seq"] = e.seq;
            record["time_ms"] = e.timeMs;
            record["time_iso"] = isoUtc(e.timeMs);
            record["actor"] = e.actor;
            record["kind"] = e.kind;
            record["config_version"] = e.configVersion;
            record["inputs"] = embedded(e.inputsJson);
            record["outcome"] = embedded(e.outcomeJson);
            record["prev_hash"] = e.prevHash;
            record["hash"] = e.hash;
            out << dumpLine(record) << '\n';
        } else {
            out << e.seq << ',' << e.timeMs << ',' << isoUtc(e.timeMs) << ',' << csvField(e.actor) << ','
                << csvField(e.kind) << ',' << e.configVersion << ',' << csvField(e.inputsJson) << ','
                << csvField(e.outcomeJson) << ',' << csvField(e.prevHash) << ',' << csvField(e.hash) << "\r\n";
        }
        if (!out)
            return Error{"cannot " + operation + ": writing the export failed at record " + std::to_string(e.seq)};
    }
    out.flush();
    if (!out)
        return Error{"cannot " + operation + ": writing the export failed"};
    return tx.commit(operation);
}

} // namespace payops::store_detail
