// The serverless backend: JetStream's semantics where the console relies on them (per-stream sequences,
// deduplication on the message id, ordered readers from a cursor, subject wildcards), and the console's own sync
// code (SyncClient, SyncStore, the outbox) running on it unchanged, with the local services answering commands.
// Real SQLite files, no server.
#include "kv_store_checks.h"
#include "store/agent_store.h"
#include "store/sqlite_statement.h"
#include "sync/local_backend.h"
#include "sync/local_kv.h"
#include "sync/local_services.h"
#include "sync/sync_client.h"
#include "sync/sync_store.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>
#include <map>
#include <memory>

using namespace payops;
using namespace payops::sync;

namespace {

std::string repeated(const std::string& s, int n)
{
    std::string out;
    for (int i = 0; i < n; ++i)
        out += s;
    return out;
}

NatsHeaders withId(const std::string& id)
{
    NatsHeaders h;
    h.set("Nats-Msg-Id", id);
    return h;
}

// One console's database with the local backend, its services and its sync client, as SyncHost puts them.
struct LocalConsole {
    explicit LocalConsole(const QString& path, int demoEventIntervalMs = 0)
    {
        auto opened = AgentStore::open(path.toStdString());
        if (!opened)
            qFatal("cannot open %s", opened.error().c_str());
        store = std::move(*opened);
        syncStore = std::make_unique<SyncStore>(*store);
        backend = std::make_unique<LocalBackend>(*store);
        LocalServicesOptions lo;
        lo.demoEventIntervalMs = demoEventIntervalMs;
        services = std::make_unique<LocalServices>(backend.get(), *store, lo);
        SyncClientOptions so;
        so.streams = {{QStringLiteral("EVENTS"), {}}};
        so.consoleId = QStringLiteral("console-local");
        so.operatorName = QStringLiteral("alice");
        client = std::make_unique<SyncClient>(backend.get(), syncStore.get(), so);
    }
    ~LocalConsole()
    {
        client->stop();
        services->stop();
    }
    std::int64_t count(const char* sql)
    {
        sqlite::Statement q(store->connection(), sql);
        return q.next("count").value() ? q.int64(0) : -1;
    }

    std::unique_ptr<AgentStore> store;
    std::unique_ptr<SyncStore> syncStore;
    std::unique_ptr<LocalBackend> backend;
    std::unique_ptr<LocalServices> services;
    std::unique_ptr<SyncClient> client;
};

} // namespace

class TestLocalBackend : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_tmp;
    int m_n = 0;
    QString newDb() { return m_tmp.filePath(QStringLiteral("local-%1.db").arg(++m_n)); }

private Q_SLOTS:
    void subjectsMatchLikeNats_data()
    {
        QTest::addColumn<QString>("filter");
        QTest::addColumn<QString>("subject");
        QTest::addColumn<bool>("matches");
        QTest::newRow("exact") << "cmd.approval.decide"
                               << "cmd.approval.decide" << true;
        QTest::newRow("other") << "cmd.approval.decide"
                               << "cmd.approval.undo" << false;
        QTest::newRow("star one token") << "evt.*.acme.>"
                                        << "evt.sla.acme.ticket.T1" << true;
        QTest::newRow("star is one token only") << "evt.*"
                                                << "evt.sla.acme" << false;
        QTest::newRow("gt needs a token") << "evt.>"
                                          << "evt" << false;
        QTest::newRow("gt many") << "evt.>"
                                 << "evt.a.b.c.d" << true;
        QTest::newRow("longer subject") << "evt.a"
                                        << "evt.a.b" << false;
        QTest::newRow("empty filter") << ""
                                      << "anything.at.all" << true;
    }
    void subjectsMatchLikeNats()
    {
        QFETCH(QString, filter);
        QFETCH(QString, subject);
        QFETCH(bool, matches);
        QCOMPARE(subjectMatches(filter.toStdString(), subject.toStdString()), matches);
    }

    void publishNumbersPerStreamAndDeduplicates()
    {
        LocalConsole c(newDb());
        QCOMPARE(LocalBackend::streamFor("evt.sla.acme.ticket.T1"), QStringLiteral("EVENTS"));
        QCOMPARE(LocalBackend::streamFor("cmd.approval.decide"), QStringLiteral("COMMANDS"));
        QCOMPARE(LocalBackend::streamFor("tel.acme.cycle"), QStringLiteral("TELEMETRY"));
        const PublishAck a = c.backend->publishNow("evt.sla.acme.ticket.T1", R"({"schema":1})", withId("e1"));
        const PublishAck b = c.backend->publishNow("cmd.approval.decide", R"({"schema":1})", withId("c1"));
        const PublishAck again = c.backend->publishNow("evt.sla.acme.ticket.T1", R"({"other":1})", withId("e1"));
        const PublishAck second = c.backend->publishNow("evt.sla.acme.ticket.T2", R"({"schema":1})", withId("e2"));
        QVERIFY(a.ok && b.ok && again.ok && second.ok);
        QCOMPARE(a.seq, 1u);
        QCOMPARE(b.seq, 1u); // each stream numbers from 1, as JetStream does
        QVERIFY(again.duplicate);
        QCOMPARE(again.seq, 1u);
        QCOMPARE(second.seq, 2u);
        QCOMPARE(c.count("SELECT count(*) FROM local_stream WHERE stream = 'EVENTS'"), 2);
        const PublishAck nowhere = c.backend->publishNow("nowhere.at.all", "{}", {});
        QVERIFY(!nowhere.ok);
        QVERIFY(nowhere.error.contains(QStringLiteral("no stream takes subject nowhere.at.all")));
    }

    void commandsAreAnsweredThroughTheSameOutbox()
    {
        const QString db = newDb();
        {
            LocalConsole c(db);
            QVERIFY(c.services->start().ok());
            c.client->start();
            QTRY_VERIFY(c.client->presence().state == SyncState::Live);
            // Alice approves, Bob rejects the same request, and a command nobody handles.
            auto alice = c.client->queueCommand(QStringLiteral("cmd.approval.decide"),
                                                {{"approval_id", 7}, {"decision", "approve"}, {"operator", "alice"}});
            auto bob = c.client->queueCommand(QStringLiteral("cmd.approval.decide"),
                                              {{"approval_id", 7}, {"decision", "reject"}, {"operator", "bob"}});
            auto odd = c.client->queueCommand(QStringLiteral("cmd.config.rollback"), {{"version", 3}});
            QVERIFY(alice && bob && odd);
            QTRY_COMPARE(c.syncStore->outboxCount("confirmed").value() + c.syncStore->outboxCount("rejected").value(),
                         std::int64_t{3});
            const auto confirmed = c.syncStore->commands({"confirmed"}).value();
            QCOMPARE(confirmed.size(), std::size_t{1});
            QCOMPARE(confirmed[0].commandId, *alice);
            const auto rejected = c.syncStore->commands({"rejected"}).value();
            QCOMPARE(rejected.size(), std::size_t{2});
            for (const OutboxCommand& r : rejected) {
                const auto result = nlohmann::json::parse(r.result);
                if (r.commandId == *bob) {
                    QCOMPARE(result["outcome"].get<std::string>(), std::string("conflict"));
                    QCOMPARE(result["decided_by"].get<std::string>(), std::string("remote:alice"));
                    QCOMPARE(result["approval_state"].get<std::string>(), std::string("approved"));
                } else {
                    QCOMPARE(r.commandId, *odd);
                    QCOMPARE(result["detail"].get<std::string>(),
                             std::string("no local service handles cmd.config.rollback"));
                }
            }
            // The commands are in the local COMMANDS stream once each, the results in EVENTS and in the events
            // table the console syncs into, under the local stream's own name (never the server's).
            QCOMPARE(c.count("SELECT count(*) FROM local_stream WHERE stream = 'COMMANDS'"), 3);
            QCOMPARE(c.count("SELECT count(*) FROM events WHERE stream = 'local/EVENTS'"), 3);
            QCOMPARE(c.count("SELECT count(*) FROM events WHERE stream = 'EVENTS'"), 0);
            QCOMPARE(c.services->answered(), std::int64_t{3});
        }
        // After a restart the services answer nothing twice and still know who decided approval 7.
        LocalConsole c(db);
        QVERIFY(c.services->start().ok());
        c.client->start();
        auto carol = c.client->queueCommand(QStringLiteral("cmd.approval.decide"),
                                            {{"approval_id", 7}, {"decision", "approve"}, {"operator", "carol"}});
        QVERIFY(carol);
        QTRY_COMPARE(c.syncStore->outboxCount("rejected").value(), std::int64_t{3});
        QCOMPARE(c.services->answered(), std::int64_t{1});
        const auto result = nlohmann::json::parse(c.syncStore->commands({"rejected"}).value().back().result);
        QCOMPARE(result["decided_by"].get<std::string>(), std::string("remote:alice"));
        QCOMPARE(c.count("SELECT count(*) FROM local_stream WHERE stream = 'EVENTS'"), 4);
    }

    void aDecisionWhoseAnswerFailedIsAppliedWhenAnsweredAgain()
    {
        // The answer to alice's approval cannot be stored (the disk is full): the services try again a second
        // later. The decision counted before its answer was stored, so the retry answered alice that approval 7 was
        // already approved, by alice, and nothing ever said "applied".
        LocalConsole c(newDb());
        QVERIFY(c.services->start().ok());
        QStringList failures;
        connect(c.services.get(), &LocalServices::failed, this, [&](const QString& f) { failures << f; });
        c.client->start();
        QTRY_VERIFY(c.client->presence().state == SyncState::Live);
        QVERIFY(sqlite::exec(c.store->connection(),
                             "CREATE TEMP TRIGGER answer_fails BEFORE INSERT ON local_stream "
                             "WHEN NEW.subject LIKE 'evt.approval.%' BEGIN SELECT RAISE(FAIL, 'database or disk is "
                             "full'); END",
                             "fill the disk")
                    .ok());
        auto alice = c.client->queueCommand(QStringLiteral("cmd.approval.decide"),
                                            {{"approval_id", 7}, {"decision", "approve"}, {"operator", "alice"}});
        QVERIFY(alice);
        QTRY_VERIFY(!failures.isEmpty());
        QVERIFY(sqlite::exec(c.store->connection(), "DROP TRIGGER answer_fails", "free the disk").ok());
        QTRY_COMPARE_WITH_TIMEOUT(c.syncStore->outboxCount("confirmed").value(), std::int64_t{1}, 10000);
        const auto confirmed = c.syncStore->commands({"confirmed"}).value();
        QCOMPARE(confirmed[0].commandId, *alice);
        QCOMPARE(nlohmann::json::parse(confirmed[0].result)["outcome"].get<std::string>(), std::string("applied"));
        QCOMPARE(c.syncStore->outboxCount("rejected").value(), std::int64_t{0});
    }

    void aDamagedCursorOrASecondStartAnswersEachCommandOnce()
    {
        // The services' saved cursor damaged ("x12"): std::stoull threw out of start() and ended the console. They
        // read the commands from the first instead, and an answer given before is not given again. start() called
        // again (the host retries one that failed) follows the commands with one reader, not two.
        const QString db = newDb();
        {
            LocalConsole c(db);
            QVERIFY(c.services->start().ok());
            c.client->start();
            QTRY_VERIFY(c.client->presence().state == SyncState::Live);
            QVERIFY(c.client->queueCommand(QStringLiteral("cmd.approval.decide"),
                                           {{"approval_id", 3}, {"decision", "approve"}, {"operator", "alice"}}));
            QTRY_COMPARE(c.syncStore->outboxCount("confirmed").value(), std::int64_t{1});
        }
        LocalConsole c(db);
        QVERIFY(sqlite::exec(c.store->connection(),
                             "UPDATE console_state SET value = 'x12' WHERE key = 'local_services.commands_next'",
                             "damage the cursor")
                    .ok());
        QVERIFY(c.services->start().ok());
        QVERIFY(c.services->start().ok());
        c.client->start();
        QTRY_VERIFY(c.client->presence().state == SyncState::Live);
        auto bob = c.client->queueCommand(QStringLiteral("cmd.approval.decide"),
                                          {{"approval_id", 3}, {"decision", "reject"}, {"operator", "bob"}});
        QVERIFY(bob);
        QTRY_COMPARE(c.syncStore->outboxCount("rejected").value(), std::int64_t{1});
        QTest::qWait(200);
        // Alice's command answered again as a no-op (its answer's id is in the stream), bob's once: a conflict.
        QCOMPARE(c.count("SELECT count(*) FROM local_stream WHERE stream = 'EVENTS'"), 2);
        QCOMPARE(c.services->answered(), std::int64_t{2}); // alice's again and bob's, by one reader
        const auto result = nlohmann::json::parse(c.syncStore->commands({"rejected"}).value().back().result);
        QCOMPARE(result["outcome"].get<std::string>(), std::string("conflict"));
        QCOMPARE(result["decided_by"].get<std::string>(), std::string("remote:alice"));
        QCOMPARE(c.count("SELECT value FROM console_state WHERE key = 'local_services.commands_next'"), 3);

        // A cursor past the end (a database restored from an older copy): the commands it holds are read, not
        // skipped.
        c.services->stop();
        QVERIFY(sqlite::exec(c.store->connection(),
                             "UPDATE console_state SET value = '999' WHERE key = 'local_services.commands_next'",
                             "move the cursor past the end")
                    .ok());
        QVERIFY(c.services->start().ok());
        QTRY_COMPARE(c.services->answered(), std::int64_t{4}); // alice's and bob's again, as no-ops
        QCOMPARE(c.count("SELECT count(*) FROM local_stream WHERE stream = 'EVENTS'"), 2);
    }

    void commandsOfTheWrongShapeAreRefusedAndTheServicesGoOn()
    {
        // A console of another version, or a hand-made command: each wrong field refuses its command by name. Before,
        // an id sent as text threw out of the services and ended the console.
        LocalConsole c(newDb());
        QVERIFY(c.services->start().ok());
        c.client->start();
        QTRY_VERIFY(c.client->presence().state == SyncState::Live);
        const std::vector<std::pair<nlohmann::json, std::string>> wrong = {
            {{{"approval_id", "7"}, {"decision", "approve"}, {"operator", "alice"}},
             "approval_id must be a whole number of at least 1, got \"7\""},
            // Cut in a message as ASCII: cut as UTF-8 it split a character, and the result's JSON writer threw.
            {{{"approval_id", "a" + repeated("\u00e9", 24)}, {"decision", "approve"}, {"operator", "alice"}},
             "approval_id must be a whole number of at least 1, got \"a" + repeated("\\u00e9", 5) + "\\u00e..."},
            {{{"approval_id", 0}, {"decision", "approve"}, {"operator", "alice"}},
             "approval_id must be a whole number of at least 1, got 0"},
            {{{"decision", "approve"}, {"operator", "alice"}}, "the command has no approval_id"},
            {{{"approval_id", 7}, {"decision", true}, {"operator", "alice"}}, "decision must be text, got true"},
            {{{"approval_id", 7}, {"decision", "approve"}, {"operator", 5}}, "operator must be text, got 5"},
            {{{"approval_id", 7}, {"decision", "approve"}, {"operator", "  "}},
             "operator must name who decides (the audit log records it)"},
            {{{"approval_id", 7}, {"decision", "approve"}, {"operator", "al\u202eice"}},
             "operator may not hold a line break, a control character or an invisible formatting character: the "
             "audit log shows who decided on one line, as it reads"},
            {{{"approval_id", 7}, {"decision", "approve"}, {"operator", std::string(201, 'a')}},
             "operator is 201 characters long; a name may have at most 200"},
        };
        std::map<std::string, std::string> expected;
        for (const auto& [payload, detail] : wrong) {
            auto id = c.client->queueCommand(QStringLiteral("cmd.approval.decide"), payload);
            QVERIFY(id);
            expected[*id] = detail;
        }
        // The services are still there: a well-formed decision after them is applied, by the name as sent.
        auto alice = c.client->queueCommand(QStringLiteral("cmd.approval.decide"),
                                            {{"approval_id", 7}, {"decision", "approve"}, {"operator", " alice "}});
        QVERIFY(alice);
        QTRY_COMPARE(c.syncStore->outboxCount("confirmed").value(), std::int64_t{1});
        QCOMPARE(c.syncStore->outboxCount("rejected").value(), static_cast<std::int64_t>(wrong.size()));
        const auto rejected = c.syncStore->commands({"rejected"}).value(); // a copy: the Result is a temporary
        for (const OutboxCommand& r : rejected) {
            const auto result = nlohmann::json::parse(r.result);
            QCOMPARE(result["outcome"].get<std::string>(), std::string("rejected"));
            QCOMPARE(result["detail"].get<std::string>(), expected.at(r.commandId));
        }
        const auto applied = nlohmann::json::parse(c.syncStore->commands({"confirmed"}).value().at(0).result);
        QCOMPARE(applied["decided_by"].get<std::string>(), std::string("remote:alice"));
    }

    void messagesSetAsideAreCountedForTheOperator()
    {
        // A message that does not follow the contract is kept aside, never applied: the console's status says how
        // many and which was the newest, also after a restart (only a counter in a summary knew before).
        const QString db = newDb();
        {
            LocalConsole c(db);
            c.client->start();
            QTRY_VERIFY(c.client->presence().state == SyncState::Live);
            QCOMPARE(c.client->presence().setAside, std::int64_t{0});
            QSignalSpy presence(c.client.get(), &SyncClient::presenceChanged);
            QVERIFY(c.backend->publishNow("evt.anomaly.acme.issuer.HDFC", R"({"no":"schema"})", withId("odd-1")).ok);
            QTRY_COMPARE(c.client->presence().setAside, std::int64_t{1});
            QVERIFY(!presence.isEmpty()); // said when it happened, not at the next change of state
            QCOMPARE(c.client->presence().newestSetAside,
                     QStringLiteral("local/EVENTS 1: payload has no \"schema\" version field"));
        }
        LocalConsole again(db);
        again.client->start();
        QCOMPARE(again.client->presence().setAside, std::int64_t{1});
    }

    void commandsMadeForAServerWaitForIt()
    {
        // A decision queued while a server was configured (and unreachable) is not the local demo's to answer.
        const QString db = newDb();
        {
            auto store = AgentStore::open(db.toStdString());
            QVERIFY(store.ok());
            SyncStore ss(**store);
            OutboxCommand c;
            c.commandId = "for-the-server";
            c.subject = "cmd.approval.decide";
            c.payload = R"({"schema":1,"approval_id":3,"decision":"approve","command_id":"for-the-server"})";
            c.createdAt = 1;
            QVERIFY(ss.enqueue(c).ok());
        }
        LocalConsole c(db);
        QVERIFY(c.services->start().ok());
        c.client->start();
        auto local = c.client->queueCommand(QStringLiteral("cmd.approval.decide"),
                                            {{"approval_id", 3}, {"decision", "reject"}, {"operator", "alice"}});
        QVERIFY(local);
        QTRY_COMPARE(c.syncStore->outboxCount("confirmed").value(), std::int64_t{1});
        QCOMPARE(c.count("SELECT count(*) FROM local_stream WHERE stream = 'COMMANDS'"), 1);
        QCOMPARE(c.count("SELECT count(*) FROM outbox WHERE command_id = 'for-the-server' AND state = 'pending'"), 1);
        QCOMPARE(c.syncStore->outboxCount("pending").value(), std::int64_t{0}); // the local backend's own queue
        c.syncStore->setTarget("server");
        QCOMPARE(c.syncStore->outboxCount("pending").value(), std::int64_t{1});
    }

    void commandsGoInTheOrderTheyWereQueued()
    {
        // The wall clock stepped back between two decisions (NTP, a laptop's clock set by hand): the second one's
        // time is earlier, and ordering by it sent the second before the first.
        auto store = AgentStore::open(newDb().toStdString());
        QVERIFY(store.ok());
        SyncStore ss(**store);
        for (const auto& [id, at] : {std::pair{"first", 2'000}, std::pair{"second", 1'000}}) {
            OutboxCommand c;
            c.commandId = id;
            c.subject = "cmd.approval.decide";
            c.payload = "{}";
            c.createdAt = at;
            QVERIFY(ss.enqueue(c).ok());
        }
        QCOMPARE(QString::fromStdString(ss.nextToSend(0).value()->commandId), QStringLiteral("first"));
        const auto all = ss.commands({"pending"});
        QVERIFY(all.ok());
        QCOMPARE(QString::fromStdString(all->front().commandId), QStringLiteral("first"));
    }

    void replaysFromTheCursorAndResumesAfterARestart()
    {
        const QString db = newDb();
        {
            LocalConsole c(db);
            for (int i = 1; i <= 2000; ++i)
                QVERIFY(c.backend
                            ->publishNow("evt.support.acme.ticket.T" + std::to_string(i % 7),
                                         R"({"schema":1,"n":)" + std::to_string(i) + "}",
                                         withId("e" + std::to_string(i)))
                            .ok);
            c.client->start();
            QTRY_VERIFY_WITH_TIMEOUT(c.client->caughtUp(), 10000);
            QCOMPARE(c.count("SELECT count(*) FROM events"), 2000);
            QCOMPARE(c.count("SELECT count(DISTINCT stream_seq) FROM events"), 2000);
            QCOMPARE(c.count("SELECT max(stream_seq) FROM events"), 2000);
            QCOMPARE(c.client->counters().received, std::int64_t{2000});
        }
        LocalConsole c(db);
        for (int i = 1995; i <= 2500; ++i) // the first six were stored already: deduplicated at the stream
            QVERIFY(
                c.backend->publishNow("evt.support.acme.ticket.T1", R"({"schema":1})", withId("e" + std::to_string(i)))
                    .ok);
        c.client->start();
        QTRY_COMPARE_WITH_TIMEOUT(c.count("SELECT count(*) FROM events"), std::int64_t{2500}, 10000);
        QCOMPARE(c.client->counters().received, std::int64_t{500}); // only the new ones, from the cursor
        QCOMPARE(c.client->counters().duplicates, std::int64_t{0});
        // Live: one more arrives without a restart.
        QVERIFY(c.backend->publishNow("evt.sla.acme.ticket.T9", R"({"schema":1})", withId("live-1")).ok);
        QTRY_COMPARE(c.count("SELECT count(*) FROM events"), std::int64_t{2501});
        sqlite::Statement order(c.store->connection(), "SELECT stream_seq FROM events ORDER BY rowid");
        std::int64_t expected = 1;
        while (order.next("read").value())
            QCOMPARE(order.int64(0), expected++);
    }

    void anAppendDuringAReplayIsCountedAsPending()
    {
        // What is pending was counted once per catch-up: a row appended during a long replay was not in it, so the
        // reader said "nothing pending" (caught up) one row before the end.
        LocalConsole c(newDb());
        for (int i = 1; i <= 2000; ++i)
            QVERIFY(
                c.backend->publishNow("evt.support.acme.ticket.T1", R"({"schema":1})", withId("r" + std::to_string(i)))
                    .ok);
        StreamReaderOptions o;
        o.stream = QStringLiteral("EVENTS");
        StreamReader* reader = c.backend->createReader(o, this);
        std::vector<std::pair<std::uint64_t, std::uint64_t>> seen; // (sequence, pending)
        connect(reader, &StreamReader::message, this, [&](const JsMessage& m) {
            seen.emplace_back(m.streamSeq, m.pending);
            if (m.streamSeq == 100)
                QVERIFY(c.backend->publishNow("evt.support.acme.ticket.T2", R"({"schema":1})", withId("late")).ok);
        });
        reader->start(1);
        QTRY_COMPARE_WITH_TIMEOUT(seen.size(), std::size_t{2001}, 10000);
        const auto firstCaughtUp = std::find_if(seen.begin(), seen.end(), [](const auto& s) { return s.second == 0; });
        QVERIFY(firstCaughtUp != seen.end());
        QCOMPARE(firstCaughtUp->first, std::uint64_t{2001});
        reader->stop();
    }

    void filteredReadersSeeTheirSubjectsOnly()
    {
        LocalConsole c(newDb());
        for (int i = 0; i < 1200; ++i) {
            const std::string subject = i % 3 == 0 ? "evt.approval.acme.request." + std::to_string(i)
                                                   : "evt.support.acme.ticket." + std::to_string(i);
            QVERIFY(c.backend->publishNow(subject, "{}", withId(std::to_string(i))).ok);
        }
        StreamReaderOptions o;
        o.stream = QStringLiteral("EVENTS");
        o.filterSubject = QStringLiteral("evt.approval.>");
        StreamReader* reader = c.backend->createReader(o, this);
        std::vector<JsMessage> got;
        std::uint64_t pendingAtStart = 0;
        connect(reader, &StreamReader::message, this, [&](const JsMessage& m) { got.push_back(m); });
        connect(reader, &StreamReader::ready, this, [&](std::uint64_t p) { pendingAtStart = p; });
        reader->start(1);
        QTRY_COMPARE(got.size(), std::size_t{400});
        QCOMPARE(pendingAtStart, 400u);
        QCOMPARE(got.back().pending, 0u);
        for (std::size_t i = 0; i < got.size(); ++i) {
            QCOMPARE(got[i].streamSeq, 3 * i + 1);
            QCOMPARE(got[i].consumerSeq, i + 1);
            QVERIFY(got[i].subject.rfind("evt.approval.", 0) == 0);
            QCOMPARE(got[i].headers.value("Nats-Msg-Id").value_or(""), std::to_string(3 * i));
        }
        delete reader;
    }

    void localKvKeepsTheSameContractAsAServerBucket()
    {
        LocalConsole c(newDb());
        LocalKv kv(*c.store, QStringLiteral("console_config"));
        checkKeyValueStore(kv);
    }

    void localKvKeepsItsDepthAndSurvivesARestart()
    {
        const QString db = newDb();
        auto wait = [](auto& slot) { return QTest::qWaitFor([&] { return slot.has_value(); }, 5000); };
        std::uint64_t last = 0;
        {
            LocalConsole c(db);
            LocalKv kv(*c.store, QStringLiteral("console_config"));
            std::optional<Status> created;
            kv.create(2, [&](Status s) { created = s; });
            QVERIFY(wait(created) && created->ok());
            for (int i = 1; i <= 4; ++i) {
                std::optional<std::uint64_t> rev;
                kv.put(QStringLiteral("sla.minutes"), std::to_string(10 * i), std::nullopt,
                       [&](std::uint64_t r, std::optional<KvError> e) { rev = e ? 0 : r; });
                QVERIFY(wait(rev) && *rev == static_cast<std::uint64_t>(i));
                last = *rev;
            }
            std::optional<Result<std::vector<KvEntry>>> history;
            kv.history(QStringLiteral("sla.minutes"), [&](Result<std::vector<KvEntry>> h) { history = std::move(h); });
            QVERIFY(wait(history));
            QCOMPARE(history->value().size(), std::size_t{2}); // the bucket keeps two revisions per key
            QCOMPARE(history->value().front().value, std::string("30"));
            // An old revision is gone, so rolling back to it says so.
            std::optional<std::optional<KvError>> rolled;
            kv.rollback(QStringLiteral("sla.minutes"), 1, last,
                        [&](std::uint64_t, std::optional<KvError> e) { rolled = e; });
            QVERIFY(wait(rolled) && rolled->has_value());
            QVERIFY(rolled->value().message.contains(QStringLiteral("does not exist")));
        }
        LocalConsole c(db);
        LocalKv kv(*c.store, QStringLiteral("console_config"));
        std::optional<Result<std::optional<KvEntry>>> current;
        kv.get(QStringLiteral("sla.minutes"), [&](Result<std::optional<KvEntry>> r) { current = std::move(r); });
        QVERIFY(wait(current));
        QCOMPARE(current->value()->value, std::string("40"));
        std::optional<std::uint64_t> next;
        kv.put(QStringLiteral("sla.minutes"), "50", last, [&](std::uint64_t r, std::optional<KvError>) { next = r; });
        QVERIFY(wait(next));
        QCOMPARE(*next, last + 1);
        // Writing to a bucket nobody created is an error, not a silent bucket.
        LocalKv missing(*c.store, QStringLiteral("nope"));
        std::optional<std::optional<KvError>> refused;
        missing.put(QStringLiteral("k"), "v", std::nullopt,
                    [&](std::uint64_t, std::optional<KvError> e) { refused = e; });
        QVERIFY(wait(refused) && refused->has_value());
        QVERIFY(refused->value().message.contains(QStringLiteral("no local KV bucket nope")));
    }

    void demoServicesKeepTheStreamAlive()
    {
        LocalConsole c(newDb(), 20);
        QVERIFY(c.services->start().ok());
        c.client->start();
        QTRY_VERIFY_WITH_TIMEOUT(c.count("SELECT count(*) FROM events") >= 10, 10000);
        QCOMPARE(c.count("SELECT count(*) FROM sync_quarantine"), 0); // the demo's events keep the contract
        QVERIFY(c.count("SELECT count(*) FROM events WHERE subject LIKE 'evt.support.local.ticket.%'") >= 1);
        QVERIFY(c.count("SELECT count(DISTINCT substr(subject, 1, instr(substr(subject, 5), '.') + 4)) FROM events") >=
                4);
    }
};

QTEST_GUILESS_MAIN(TestLocalBackend)
#include "test_local_backend.moc"
