#pragma once
// What every KeyValueStore must do, checked the same way for the JetStream bucket (test_sync_nats) and the local
// one (test_local_backend): create-only and compare-and-set puts with conflicts, history, rollback as a new
// revision that a retry does not repeat, delete markers, and a watch that gives current entries then changes.

#include "sync/key_value_store.h"

#include <QTest>
#include <nlohmann/json.hpp>
#include <optional>

inline void checkKeyValueStore(payops::sync::KeyValueStore& kv)
{
    using namespace payops;
    using namespace payops::sync;
    auto wait = [](auto& slot) { return QTest::qWaitFor([&] { return slot.has_value(); }, 10000); };

    std::optional<Status> created;
    kv.create(10, [&](Status s) { created = s; });
    QVERIFY(wait(created));
    QVERIFY2(created->ok(), created->ok() ? "" : created->error().c_str());

    using PutResult = std::pair<std::uint64_t, std::optional<KvError>>;
    auto put = [&](const std::string& value, std::optional<std::uint64_t> expected) {
        std::optional<PutResult> r;
        kv.put(QStringLiteral("risk.max_blast"), value, expected, [&](std::uint64_t rev, std::optional<KvError> e) {
            r = PutResult{rev, e};
        });
        (void)wait(r);
        return r.value_or(PutResult{0, KvError{false, QStringLiteral("timeout")}});
    };
    const auto v1 = put(R"({"value":0.2,"author":"alice"})", 0); // create only
    QVERIFY(!v1.second);
    QVERIFY(put(R"({"value":0.9})", 0).second->conflict); // exists already
    const auto v2 = put(R"({"value":0.3,"author":"bob"})", v1.first);
    QVERIFY(!v2.second);
    QVERIFY(v2.first > v1.first);
    const auto stale = put(R"({"value":0.5,"author":"carol"})", v1.first); // carol saw v1
    QVERIFY(stale.second && stale.second->conflict);
    QVERIFY(!stale.second->message.isEmpty());

    std::optional<Result<std::vector<KvEntry>>> history;
    kv.history(QStringLiteral("risk.max_blast"), [&](Result<std::vector<KvEntry>> h) { history = std::move(h); });
    QVERIFY(wait(history));
    QVERIFY(history->ok());
    QCOMPARE(history->value().size(), std::size_t{2});
    QCOMPARE(history->value()[0].revision, v1.first);
    QCOMPARE(history->value()[1].value, std::string(R"({"value":0.3,"author":"bob"})"));

    // Rollback to v1 is a new revision carrying v1's value; the same click again makes nothing new.
    std::optional<PutResult> rolled;
    kv.rollback(QStringLiteral("risk.max_blast"), v1.first, v2.first, [&](std::uint64_t rev, std::optional<KvError> e) {
        rolled = PutResult{rev, e};
    });
    QVERIFY(wait(rolled));
    QVERIFY(!rolled->second);
    std::optional<PutResult> again;
    kv.rollback(QStringLiteral("risk.max_blast"), v1.first, v2.first, [&](std::uint64_t rev, std::optional<KvError> e) {
        again = PutResult{rev, e};
    });
    QVERIFY(wait(again));
    QVERIFY(!again->second);
    QCOMPARE(again->first, rolled->first);

    std::optional<Result<std::optional<KvEntry>>> current;
    kv.get(QStringLiteral("risk.max_blast"), [&](Result<std::optional<KvEntry>> r) { current = std::move(r); });
    QVERIFY(wait(current));
    QCOMPARE(current->value()->revision, rolled->first);
    const auto doc = nlohmann::json::parse(current->value()->value);
    QCOMPARE(doc["value"].get<double>(), 0.2);
    QCOMPARE(doc["rolled_back_from"].get<std::uint64_t>(), v1.first);

    // Watch: the current value of every key first, then each change once.
    std::vector<KvEntry> seen;
    QObject::connect(&kv, &KeyValueStore::changed, [&](const KvEntry& e) { seen.push_back(e); });
    kv.watch();
    QVERIFY(QTest::qWaitFor([&] { return seen.size() == 1; }, 5000));
    QCOMPARE(seen[0].revision, rolled->first);
    std::optional<PutResult> other;
    kv.put(QStringLiteral("sla.minutes"), R"({"value":30})", std::nullopt,
           [&](std::uint64_t rev, std::optional<KvError> e) {
               other = PutResult{rev, e};
           });
    QVERIFY(wait(other));
    std::optional<std::optional<KvError>> removed;
    kv.remove(QStringLiteral("risk.max_blast"), [&](std::optional<KvError> e) { removed = e; });
    QVERIFY(wait(removed));
    QVERIFY(QTest::qWaitFor([&] { return seen.size() == 3; }, 5000));
    QCOMPARE(seen[1].key, QStringLiteral("sla.minutes"));
    QVERIFY(seen[2].deleted);
    std::optional<Result<std::optional<KvEntry>>> gone;
    kv.get(QStringLiteral("risk.max_blast"), [&](Result<std::optional<KvEntry>> r) { gone = std::move(r); });
    QVERIFY(wait(gone));
    QVERIFY(gone->ok() && !gone->value().has_value());
    kv.stopWatch();
}
