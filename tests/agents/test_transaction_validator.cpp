// Data quality of external transaction records: every invalid record is rejected with a reason and counted under a
// stable key, valid ones convert exactly, the counters add up, and JSON errors name the field.
#include "stream/transaction_record.h"
#include "stream/transaction_validator.h"

#include <QTest>
#include <cmath>
#include <limits>

using namespace payops;

Q_DECLARE_METATYPE(payops::TransactionRecord)

namespace {

constexpr TimeMs kNow = 1767225600000; // 2026-01-01T00:00:00Z

std::vector<std::string> methods()
{
    return {"card", "upi", "netbanking", "wallet", "bnpl"};
}

TransactionRecord valid()
{
    TransactionRecord r;
    r.id = "tx-1";
    r.timestampMs = kNow - 1000;
    r.outcome = "soft_fail";
    r.errorCode = "91";
    r.latencyMs = 240;
    r.retries = 1;
    r.method = "card";
    r.issuer = "HDFC";
    r.merchant = "merchant_7";
    r.amount = 499.5;
    r.currency = "INR";
    r.geography = "IN";
    return r;
}

template <typename F> TransactionRecord with(F change)
{
    TransactionRecord r = valid();
    change(r);
    return r;
}

nlohmann::json validJson()
{
    return {{"id", "tx-1"},
            {"timestamp_ms", kNow - 1000},
            {"outcome", "soft_fail"},
            {"error_code", "91"},
            {"latency_ms", 240},
            {"retries", 1},
            {"method", "card"},
            {"issuer", "HDFC"},
            {"merchant", "merchant_7"},
            {"amount", 499.5},
            {"currency", "INR"},
            {"geography", "IN"}};
}

QString q(const std::string& s)
{
    return QString::fromStdString(s);
}

} // namespace

class TestTransactionValidator : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void rejects_data()
    {
        QTest::addColumn<TransactionRecord>("record");
        QTest::addColumn<QString>("reason");
        QTest::addColumn<QString>("key");
        const double nan = std::numeric_limits<double>::quiet_NaN();
        const double inf = std::numeric_limits<double>::infinity();

        QTest::newRow("empty id") << with([](auto& r) { r.id.clear(); }) << QStringLiteral("id is empty")
                                  << QStringLiteral("empty_id");
        QTest::newRow("unknown outcome") << with([](auto& r) { r.outcome = "ok"; })
                                         << QStringLiteral("outcome \"ok\" is not one of success, soft_fail, hard_fail")
                                         << QStringLiteral("bad_outcome");
        QTest::newRow("outcome wrong case")
            << with([](auto& r) { r.outcome = "SUCCESS"; })
            << QStringLiteral("outcome \"SUCCESS\" is not one of success, soft_fail, hard_fail")
            << QStringLiteral("bad_outcome");
        QTest::newRow("empty outcome") << with([](auto& r) { r.outcome.clear(); })
                                       << QStringLiteral("outcome \"\" is not one of success, soft_fail, hard_fail")
                                       << QStringLiteral("bad_outcome");
        QTest::newRow("success with code")
            << with([](auto& r) { r.outcome = "success"; }) << QStringLiteral("a success carries error code \"91\"")
            << QStringLiteral("success_with_error_code");
        QTest::newRow("soft fail without code")
            << with([](auto& r) { r.errorCode.clear(); }) << QStringLiteral("a soft_fail carries no error code")
            << QStringLiteral("failure_without_error_code");
        QTest::newRow("hard fail without code") << with([](auto& r) {
            r.outcome = "hard_fail";
            r.errorCode.clear();
        }) << QStringLiteral("a hard_fail carries no error code")
                                                << QStringLiteral("failure_without_error_code");
        QTest::newRow("negative latency")
            << with([](auto& r) { r.latencyMs = -3; }) << QStringLiteral("latency_ms -3 is negative")
            << QStringLiteral("bad_latency");
        QTest::newRow("fractional latency")
            << with([](auto& r) { r.latencyMs = 12.5; }) << QStringLiteral("latency_ms 12.5 is not a whole number")
            << QStringLiteral("bad_latency");
        QTest::newRow("nan latency") << with([nan](auto& r) { r.latencyMs = nan; })
                                     << QStringLiteral("latency_ms nan is not finite") << QStringLiteral("bad_latency");
        QTest::newRow("infinite latency")
            << with([inf](auto& r) { r.latencyMs = inf; }) << QStringLiteral("latency_ms inf is not finite")
            << QStringLiteral("bad_latency");
        QTest::newRow("latency beyond 32 bits")
            << with([](auto& r) { r.latencyMs = 5e9; }) << QStringLiteral("latency_ms 5000000000 exceeds 4294967295")
            << QStringLiteral("bad_latency");
        QTest::newRow("negative retries") << with([](auto& r) { r.retries = -1; })
                                          << QStringLiteral("retries -1 is negative") << QStringLiteral("bad_retries");
        QTest::newRow("fractional retries")
            << with([](auto& r) { r.retries = 0.5; }) << QStringLiteral("retries 0.5 is not a whole number")
            << QStringLiteral("bad_retries");
        QTest::newRow("nan retries") << with([nan](auto& r) { r.retries = nan; })
                                     << QStringLiteral("retries nan is not finite") << QStringLiteral("bad_retries");
        QTest::newRow("too many retries") << with([](auto& r) { r.retries = 256; })
                                          << QStringLiteral("retries 256 exceeds 255") << QStringLiteral("bad_retries");
        QTest::newRow("unknown method") << with([](auto& r) {
            r.method = "cheque";
        }) << QStringLiteral("method \"cheque\" is not one of card, upi, netbanking, wallet, bnpl")
                                        << QStringLiteral("unknown_method");
        QTest::newRow("method wrong case")
            << with([](auto& r) { r.method = "UPI"; })
            << QStringLiteral("method \"UPI\" is not one of card, upi, netbanking, wallet, bnpl")
            << QStringLiteral("unknown_method");
        QTest::newRow("empty issuer") << with([](auto& r) { r.issuer.clear(); }) << QStringLiteral("issuer is empty")
                                      << QStringLiteral("empty_issuer");
        QTest::newRow("empty merchant") << with([](auto& r) { r.merchant.clear(); })
                                        << QStringLiteral("merchant is empty") << QStringLiteral("empty_merchant");
        QTest::newRow("zero amount") << with([](auto& r) { r.amount = 0; })
                                     << QStringLiteral("amount 0 is not positive") << QStringLiteral("bad_amount");
        QTest::newRow("negative amount") << with([](auto& r) { r.amount = -5; })
                                         << QStringLiteral("amount -5 is not positive") << QStringLiteral("bad_amount");
        QTest::newRow("nan amount") << with([nan](auto& r) { r.amount = nan; })
                                    << QStringLiteral("amount nan is not finite") << QStringLiteral("bad_amount");
        QTest::newRow("infinite amount") << with([inf](auto& r) { r.amount = inf; })
                                         << QStringLiteral("amount inf is not finite") << QStringLiteral("bad_amount");
        QTest::newRow("amount under a minor unit")
            << with([](auto& r) { r.amount = 0.004; }) << QStringLiteral("amount 0.004 rounds to 0 minor units")
            << QStringLiteral("bad_amount");
        QTest::newRow("amount beyond 64 bits")
            << with([](auto& r) { r.amount = 1e18; }) << QStringLiteral("amount 1e+18 is too large")
            << QStringLiteral("bad_amount");
        QTest::newRow("future timestamp")
            << with([](auto& r) { r.timestampMs = kNow + 5001; })
            << QStringLiteral("timestamp_ms 1767225605001 is 5001 ms in the future (tolerance 5000 ms)")
            << QStringLiteral("future_timestamp");
        QTest::newRow("empty currency") << with([](auto& r) { r.currency.clear(); })
                                        << QStringLiteral("currency is empty") << QStringLiteral("empty_currency");
    }

    void rejects()
    {
        QFETCH(TransactionRecord, record);
        QFETCH(QString, reason);
        QFETCH(QString, key);
        Dictionary dict;
        const std::size_t issuersBefore = dict.issuers.size();
        const std::size_t codesBefore = dict.errorCodes.size();
        TransactionValidator v(dict, methods());
        const auto result = v.validate(record, kNow);
        QVERIFY(!result.ok());
        QCOMPARE(q(result.error()), reason);
        QCOMPARE(v.quality().rejected, std::uint64_t(1));
        QCOMPARE(v.quality().accepted, std::uint64_t(0));
        QCOMPARE(v.quality().rejectedByReason.size(), std::size_t(1));
        QCOMPARE(v.quality().rejectedByReason.count(key.toStdString()), std::size_t(1));
        QCOMPARE(v.quality().rejectedByReason.at(key.toStdString()), std::uint64_t(1));
        // A rejected record leaves nothing behind in the shared dictionary.
        QCOMPARE(dict.issuers.size(), issuersBefore);
        QCOMPARE(dict.errorCodes.size(), codesBefore);
        QCOMPARE(v.merchantNames().size(), std::size_t(0));
    }

    void validRecordConverts()
    {
        Dictionary dict;
        TransactionValidator v(dict, methods());
        TransactionRecord r = valid();
        r.id = "12345";
        r.amount = 123.456;
        r.retries = 3;
        r.method = "upi";
        r.errorCode = "U30";
        auto t = v.validate(r, kNow);
        QVERIFY2(t.ok(), t.ok() ? "" : t.error().c_str());
        QCOMPARE(t->id, std::uint64_t(12345));
        QCOMPARE(t->timestampMs, kNow - 1000);
        QCOMPARE(t->amountMinor, std::int64_t(12346)); // x100, rounded
        QCOMPARE(t->latencyMs, std::uint32_t(240));
        QCOMPARE(int(t->retries), 3);
        QCOMPARE(int(t->outcome), int(Outcome::SoftFail));
        QCOMPARE(t->merchant, std::uint16_t(7));
        QCOMPARE(dict.issuers.name(t->issuer), std::string("HDFC"));
        QCOMPARE(dict.methods.name(t->method), std::string("upi"));
        QCOMPARE(dict.errorCodes.name(t->errorCode), std::string("U30"));
        QCOMPARE(dict.currencies.name(t->currency), std::string("INR"));
        QCOMPARE(dict.geographies.name(t->geography), std::string("IN"));

        // A success has no code: id 0, the dictionary's "no code" entry.
        r = valid();
        r.outcome = "success";
        r.errorCode.clear();
        r.amount = 10;
        auto s = v.validate(r, kNow);
        QVERIFY(s.ok());
        QCOMPARE(int(s->outcome), int(Outcome::Success));
        QCOMPARE(int(s->errorCode), 0);
        QCOMPARE(s->amountMinor, std::int64_t(1000));
        QCOMPARE(s->issuer, t->issuer); // interned once
        QVERIFY(!s->failed());

        // Hard failures, the timestamp right at the tolerance, zero latency and retries.
        r = valid();
        r.outcome = "hard_fail";
        r.timestampMs = kNow + TransactionValidator::kDefaultFutureToleranceMs;
        r.latencyMs = 0;
        r.retries = 0;
        auto h = v.validate(r, kNow);
        QVERIFY2(h.ok(), h.ok() ? "" : h.error().c_str());
        QCOMPARE(int(h->outcome), int(Outcome::HardFail));
        QCOMPARE(h->timestampMs, kNow + 5000);
        QCOMPARE(v.quality().accepted, std::uint64_t(3));
        QCOMPARE(v.quality().rejected, std::uint64_t(0));
    }

    void merchantAndIdsAreStable()
    {
        Dictionary dict;
        TransactionValidator v(dict, methods());
        auto merchantOf = [&](const std::string& name) {
            TransactionRecord r = valid();
            r.merchant = name;
            auto t = v.validate(r, kNow);
            return t.ok() ? int(t->merchant) : -1;
        };
        QCOMPARE(merchantOf("merchant_1"), 1);
        QCOMPARE(merchantOf("merchant_20"), 20);
        QCOMPARE(merchantOf("merchant_32767"), 32767);
        // Named merchants take ids from 32768 up: two different merchants never share an id.
        QCOMPARE(merchantOf("acme"), 32768);
        QCOMPARE(merchantOf("zeta"), 32769);
        QCOMPARE(merchantOf("acme"), 32768);
        // Not the canonical merchant_<n> form: a name of its own, not a second spelling of merchant 7.
        QCOMPARE(merchantOf("merchant_07"), 32770);
        QCOMPARE(merchantOf("merchant_0"), 32771);
        // Past the numbered range: a name too, so it cannot collide with a named merchant's id.
        QCOMPARE(merchantOf("merchant_32768"), 32772);
        QCOMPARE(merchantOf("merchant_65535"), 32773);
        QCOMPARE(merchantOf("merchant_x"), 32774);
        QCOMPARE(v.merchantNames().size(), std::size_t(7));

        auto idOf = [&](const std::string& id) {
            TransactionRecord r = valid();
            r.id = id;
            return v.validate(r, kNow).value().id;
        };
        QCOMPARE(idOf("42"), std::uint64_t(42));
        QCOMPARE(idOf("tx-abc"), idOf("tx-abc"));
        QVERIFY(idOf("tx-abc") != idOf("tx-abd"));
    }

    void fullDictionaryRejectsAndInternsNothing()
    {
        Dictionary dict;
        for (std::size_t i = dict.issuers.size(); i < Dictionary::kMaxIssuers; ++i)
            QVERIFY(dict.issuers.intern("ISSUER" + std::to_string(i)));
        TransactionValidator v(dict, methods());
        TransactionRecord r = valid();
        r.issuer = "NEWBANK";
        r.currency = "USD"; // would be new too: must not be interned when the record is rejected
        auto t = v.validate(r, kNow);
        QVERIFY(!t.ok());
        QCOMPARE(q(t.error()), QStringLiteral("the issuer dictionary is full (1024 names): cannot add \"NEWBANK\""));
        QCOMPARE(v.quality().rejectedByReason.at("dictionary_full"), std::uint64_t(1));
        QVERIFY(!dict.currencies.find("USD"));
        // A known issuer still gets through.
        r.issuer = "ISSUER5";
        QVERIFY(v.validate(r, kNow).ok());

        Dictionary codes;
        for (std::size_t i = codes.errorCodes.size(); i < ErrorCodes::kCapacity; ++i)
            QVERIFY(codes.errorCodes.intern("C" + std::to_string(i)));
        TransactionValidator w(codes, methods());
        auto c = w.validate(valid(), kNow); // code "91" is new
        QVERIFY(!c.ok());
        QCOMPARE(q(c.error()), QStringLiteral("the error code dictionary is full (32 names): cannot add \"91\""));
        QCOMPARE(w.quality().rejectedByReason.at("dictionary_full"), std::uint64_t(1));
        QVERIFY(!codes.issuers.find("HDFC"));
    }

    void futureToleranceIsConfigurable()
    {
        Dictionary dict;
        TransactionValidator strict(dict, methods(), 0);
        QVERIFY(strict.validate(with([](auto& r) { r.timestampMs = kNow; }), kNow).ok());
        QVERIFY(!strict.validate(with([](auto& r) { r.timestampMs = kNow + 1; }), kNow).ok());
        TransactionValidator lenient(dict, methods(), 60000);
        QVERIFY(lenient.validate(with([](auto& r) { r.timestampMs = kNow + 60000; }), kNow).ok());
        auto late = lenient.validate(with([](auto& r) { r.timestampMs = kNow + 60001; }), kNow);
        QCOMPARE(q(late.error()),
                 QStringLiteral("timestamp_ms 1767225660001 is 60001 ms in the future (tolerance 60000 ms)"));
    }

    void countersAddUp()
    {
        Dictionary dict;
        TransactionValidator v(dict, methods());
        std::uint64_t seen = 0, ok = 0;
        const std::vector<TransactionRecord> bad = {
            with([](auto& r) { r.outcome = "ok"; }),    with([](auto& r) { r.outcome = "ok"; }),
            with([](auto& r) { r.latencyMs = -1; }),    with([](auto& r) { r.method = "cheque"; }),
            with([](auto& r) { r.amount = 0; }),        with([](auto& r) { r.timestampMs = kNow + 10000; }),
            with([](auto& r) { r.errorCode.clear(); }),
        };
        for (int round = 0; round < 10; ++round) {
            for (const auto& r : bad) {
                QVERIFY(!v.validate(r, kNow).ok());
                ++seen;
            }
            for (int i = 0; i < 3; ++i) {
                TransactionRecord r = valid();
                r.id = std::to_string(round * 10 + i);
                QVERIFY(v.validate(r, kNow).ok());
                ++seen;
                ++ok;
            }
        }
        const DataQuality& dq = v.quality();
        QCOMPARE(dq.accepted + dq.rejected, seen);
        QCOMPARE(dq.accepted, ok);
        QCOMPARE(dq.rejected, std::uint64_t(70));
        std::uint64_t byReason = 0;
        for (const auto& [key, n] : dq.rejectedByReason)
            byReason += n;
        QCOMPARE(byReason, dq.rejected);
        QCOMPARE(dq.rejectedByReason.at("bad_outcome"), std::uint64_t(20));
        QCOMPARE(dq.rejectedByReason.at("bad_latency"), std::uint64_t(10));
        QCOMPARE(dq.rejectedByReason.at("unknown_method"), std::uint64_t(10));
        QCOMPARE(dq.rejectedByReason.at("bad_amount"), std::uint64_t(10));
        QCOMPARE(dq.rejectedByReason.at("future_timestamp"), std::uint64_t(10));
        QCOMPARE(dq.rejectedByReason.at("failure_without_error_code"), std::uint64_t(10));
        QCOMPARE(dq.rejectedByReason.size(), std::size_t(6));

        v.reset();
        QCOMPARE(v.quality().accepted, std::uint64_t(0));
        QCOMPARE(v.quality().rejected, std::uint64_t(0));
        QVERIFY(v.quality().rejectedByReason.empty());
        QVERIFY(!v.validate(bad.front(), kNow).ok());
        QCOMPARE(v.quality().rejected, std::uint64_t(1));
    }

    void jsonParses()
    {
        auto r = transactionRecordFromJson(validJson());
        QVERIFY2(r.ok(), r.ok() ? "" : r.error().c_str());
        QCOMPARE(r->id, std::string("tx-1"));
        QCOMPARE(r->timestampMs, kNow - 1000);
        QCOMPARE(r->outcome, std::string("soft_fail"));
        QCOMPARE(r->errorCode, std::string("91"));
        QCOMPARE(r->latencyMs, 240.0);
        QCOMPARE(r->retries, 1.0);
        QCOMPARE(r->method, std::string("card"));
        QCOMPARE(r->issuer, std::string("HDFC"));
        QCOMPARE(r->merchant, std::string("merchant_7"));
        QCOMPARE(r->amount, 499.5);
        QCOMPARE(r->currency, std::string("INR"));
        QCOMPARE(r->geography, std::string("IN"));

        // Parsed records go through the validator like any other.
        Dictionary dict;
        TransactionValidator v(dict, methods());
        auto t = v.validate(*r, kNow);
        QVERIFY(t.ok());
        QCOMPARE(t->amountMinor, std::int64_t(49950));

        // A success may leave error_code out, or null.
        nlohmann::json j = validJson();
        j["outcome"] = "success";
        j.erase("error_code");
        auto absent = transactionRecordFromJson(j);
        QVERIFY(absent.ok());
        QVERIFY(absent->errorCode.empty());
        j["error_code"] = nullptr;
        auto null = transactionRecordFromJson(j);
        QVERIFY(null.ok());
        QVERIFY(null->errorCode.empty());
        QVERIFY(v.validate(*null, kNow).ok());

        // Values the parser accepts but the validator rejects: counted, not lost as parse errors.
        j = validJson();
        j["latency_ms"] = -12.5;
        auto odd = transactionRecordFromJson(j);
        QVERIFY(odd.ok());
        QVERIFY(!v.validate(*odd, kNow).ok());
        QCOMPARE(v.quality().rejectedByReason.at("bad_latency"), std::uint64_t(1));
    }

    void jsonErrorsNameTheField_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("value"); // JSON text, or empty to remove the field
        QTest::addColumn<QString>("error");
        const char* required[] = {"id",     "timestamp_ms", "outcome", "latency_ms", "retries",  "method",
                                  "issuer", "merchant",     "amount",  "currency",   "geography"};
        for (const char* f : required) {
            const QString field = QString::fromLatin1(f);
            QTest::addRow("%s missing", f)
                << field << QString() << QStringLiteral("field \"%1\" is missing").arg(field);
        }
        QTest::newRow("id number") << QStringLiteral("id") << QStringLiteral("17")
                                   << QStringLiteral("field \"id\": expected a string, got an integer");
        QTest::newRow("timestamp string") << QStringLiteral("timestamp_ms") << QStringLiteral("\"1767225600000\"")
                                          << QStringLiteral("field \"timestamp_ms\": expected an integer, got string");
        QTest::newRow("timestamp fraction")
            << QStringLiteral("timestamp_ms") << QStringLiteral("1767225600000.5")
            << QStringLiteral("field \"timestamp_ms\": expected an integer, got a number with a fraction");
        QTest::newRow("timestamp too large") << QStringLiteral("timestamp_ms") << QStringLiteral("18446744073709551615")
                                             << QStringLiteral("field \"timestamp_ms\": integer out of range");
        QTest::newRow("outcome null") << QStringLiteral("outcome") << QStringLiteral("null")
                                      << QStringLiteral("field \"outcome\": expected a string, got null");
        QTest::newRow("error code number") << QStringLiteral("error_code") << QStringLiteral("91")
                                           << QStringLiteral("field \"error_code\": expected a string, got an integer");
        QTest::newRow("latency string") << QStringLiteral("latency_ms") << QStringLiteral("\"240\"")
                                        << QStringLiteral("field \"latency_ms\": expected a number, got string");
        QTest::newRow("retries bool") << QStringLiteral("retries") << QStringLiteral("true")
                                      << QStringLiteral("field \"retries\": expected a number, got boolean");
        QTest::newRow("method array") << QStringLiteral("method") << QStringLiteral("[\"card\"]")
                                      << QStringLiteral("field \"method\": expected a string, got array");
        QTest::newRow("amount object") << QStringLiteral("amount") << QStringLiteral("{\"value\": 5}")
                                       << QStringLiteral("field \"amount\": expected a number, got object");
        QTest::newRow("geography number")
            << QStringLiteral("geography") << QStringLiteral("91.5")
            << QStringLiteral("field \"geography\": expected a string, got a number with a fraction");
    }

    void jsonErrorsNameTheField()
    {
        QFETCH(QString, field);
        QFETCH(QString, value);
        QFETCH(QString, error);
        nlohmann::json j = validJson();
        if (value.isEmpty())
            j.erase(field.toStdString());
        else
            j[field.toStdString()] = nlohmann::json::parse(value.toStdString());
        auto r = transactionRecordFromJson(j);
        QVERIFY(!r.ok());
        QCOMPARE(q(r.error()), error);
    }

    void jsonNotAnObject()
    {
        auto r = transactionRecordFromJson(nlohmann::json::array({1, 2}));
        QVERIFY(!r.ok());
        QCOMPARE(q(r.error()), QStringLiteral("transaction record: expected a JSON object, got array"));
    }
};

QTEST_GUILESS_MAIN(TestTransactionValidator)
#include "test_transaction_validator.moc"
