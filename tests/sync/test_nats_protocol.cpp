// The NATS wire layer without a server: the incremental parser under every kind of frame split (SYNC.md G1),
// headers, nkey signatures, command ids and the event contract.
#include "core/json_field.h"
#include "sync/event_contract.h"
#include "sync/nats_headers.h"
#include "sync/nats_protocol_parser.h"
#include "sync/nkey.h"
#include "sync/uuid_v7.h"

#include <QRandomGenerator>
#include <QTest>
#include <string>
#include <vector>

using namespace payops;
using namespace payops::sync;

namespace {

// A byte stream as a server would send it: INFO, pings, plain and header messages, a big payload, -ERR.
std::string recordedStream()
{
    std::string s = "INFO {\"server_id\":\"x\",\"version\":\"2.9.10\",\"headers\":true,\"max_payload\":1048576}\r\n"
                    "PING\r\n+OK\r\nPONG\r\n";
    for (int i = 0; i < 50; ++i) {
        const std::string payload = "{\"n\":" + std::to_string(i) + ",\"pad\":\"" + std::string(i * 7, 'x') + "\"}";
        s += "MSG evt.anomaly.acme.issuer.HDFC 7 " + std::to_string(payload.size()) + "\r\n" + payload + "\r\n";
        const std::string hdr = "NATS/1.0\r\nNats-Msg-Id: id-" + std::to_string(i) + "\r\n\r\n";
        s += "HMSG evt.approval.acme.request.r" + std::to_string(i) + " 9 $JS.ACK.EVENTS.c.1." + std::to_string(i + 1) +
             "." + std::to_string(i + 1) + ".1700000000000000000.0 " + std::to_string(hdr.size()) + " " +
             std::to_string(hdr.size() + payload.size()) + "\r\n" + hdr + payload + "\r\n";
    }
    const std::string big(300000, 'b');
    s += "MSG big.one 3 300000\r\n" + big + "\r\n";
    s += "HMSG _INBOX.x.d1 4 16 16\r\nNATS/1.0 503\r\n\r\n\r\n"; // no responders: headers only
    s += "-ERR 'Permissions Violation for Publish to \"x\"'\r\n";
    return s;
}

std::vector<NatsFrame> parseWhole(const std::string& s)
{
    NatsProtocolParser p;
    std::vector<NatsFrame> out;
    [&] { QVERIFY2(p.feed(s, [&](NatsFrame&& f) { out.push_back(std::move(f)); }), p.error().c_str()); }();
    return out;
}

std::vector<NatsFrame> parseInChunks(const std::string& s, const std::vector<std::size_t>& sizes)
{
    NatsProtocolParser p;
    std::vector<NatsFrame> out;
    std::size_t pos = 0;
    std::size_t k = 0;
    while (pos < s.size()) {
        const std::size_t n = std::min(s.size() - pos, sizes[k++ % sizes.size()]);
        if (!p.feed(std::string_view(s).substr(pos, n), [&](NatsFrame&& f) { out.push_back(std::move(f)); }))
            break;
        pos += n;
    }
    return out;
}

bool sameFrames(const std::vector<NatsFrame>& a, const std::vector<NatsFrame>& b)
{
    if (a.size() != b.size())
        return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (a[i].op != b[i].op || a[i].text != b[i].text || a[i].subject != b[i].subject || a[i].sid != b[i].sid ||
            a[i].replyTo != b[i].replyTo || a[i].headers != b[i].headers || a[i].payload != b[i].payload)
            return false;
    return true;
}

} // namespace

class TestNatsProtocol : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void parsesEveryOperation()
    {
        const auto frames = parseWhole(recordedStream());
        QCOMPARE(frames.size(), std::size_t{4 + 100 + 3});
        QCOMPARE(frames[0].op, NatsOp::Info);
        QVERIFY(frames[0].text.find("\"version\":\"2.9.10\"") != std::string::npos);
        QCOMPARE(frames[1].op, NatsOp::Ping);
        QCOMPARE(frames[2].op, NatsOp::Ok);
        QCOMPARE(frames[3].op, NatsOp::Pong);
        const NatsFrame& msg = frames[4];
        QCOMPARE(msg.op, NatsOp::Msg);
        QCOMPARE(msg.subject, std::string("evt.anomaly.acme.issuer.HDFC"));
        QCOMPARE(msg.sid, std::uint64_t{7});
        QVERIFY(msg.replyTo.empty());
        QVERIFY(msg.headers.empty());
        QCOMPARE(msg.payload, std::string("{\"n\":0,\"pad\":\"\"}"));
        const NatsFrame& hmsg = frames[5];
        QCOMPARE(hmsg.sid, std::uint64_t{9});
        QCOMPARE(hmsg.replyTo, std::string("$JS.ACK.EVENTS.c.1.1.1.1700000000000000000.0"));
        QCOMPARE(NatsHeaders::parse(hmsg.headers)->value("nats-msg-id").value(), std::string("id-0"));
        QCOMPARE(hmsg.payload, msg.payload);
        QCOMPARE(frames[104].payload.size(), std::size_t{300000});
        QCOMPARE(frames[105].payload, std::string());
        QCOMPARE(NatsHeaders::parse(frames[105].headers)->status, 503);
        QCOMPARE(frames[106].op, NatsOp::Err);
        QCOMPARE(frames[106].text, std::string("Permissions Violation for Publish to \"x\""));
    }

    void anySplitGivesTheSameFrames_data()
    {
        QTest::addColumn<std::vector<std::size_t>>("sizes");
        QTest::newRow("1 byte") << std::vector<std::size_t>{1};
        QTest::newRow("2 bytes") << std::vector<std::size_t>{2};
        QTest::newRow("browser frames 4096") << std::vector<std::size_t>{4096};
        QTest::newRow("odd sizes") << std::vector<std::size_t>{3, 33, 7, 1, 4099, 2};
        QTest::newRow("one 2.6 MB frame") << std::vector<std::size_t>{2649190};
    }
    void anySplitGivesTheSameFrames()
    {
        QFETCH(std::vector<std::size_t>, sizes);
        const std::string s = recordedStream();
        QVERIFY(sameFrames(parseWhole(s), parseInChunks(s, sizes)));
    }

    void randomSplitsGiveTheSameFrames()
    {
        const std::string s = recordedStream();
        const auto whole = parseWhole(s);
        QRandomGenerator rng(42); // fixed seed: a failure is reproducible
        for (int round = 0; round < 200; ++round) {
            std::vector<std::size_t> sizes;
            for (int i = 0; i < 64; ++i)
                sizes.push_back(1 + rng.bounded(round % 2 ? 50u : 20000u));
            QVERIFY2(sameFrames(whole, parseInChunks(s, sizes)), qPrintable(QStringLiteral("round %1").arg(round)));
        }
    }

    void bufferHoldsOnlyTheUnfinishedOperation()
    {
        NatsProtocolParser p;
        int n = 0;
        const std::string msg = "MSG a 1 5\r\nhello\r\n";
        for (int i = 0; i < 10000; ++i)
            QVERIFY(p.feed(msg, [&](NatsFrame&&) { ++n; }));
        QCOMPARE(n, 10000);
        QVERIFY(p.feed("MSG a 1 5\r\nhel", [&](NatsFrame&&) { ++n; }));
        QCOMPARE(p.bufferedBytes(), std::size_t{3});
    }

    void protocolViolationsAreReported_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("expected");
        QTest::newRow("unknown op") << QByteArray("HELLO world\r\n")
                                    << QStringLiteral("unknown operation 'HELLO world'");
        QTest::newRow("msg without size") << QByteArray("MSG a 1\r\n") << QStringLiteral("MSG needs subject");
        QTest::newRow("bad sid") << QByteArray("MSG a x 3\r\nabc\r\n") << QStringLiteral("bad subscription id");
        QTest::newRow("bad size") << QByteArray("MSG a 1 -3\r\n") << QStringLiteral("bad size");
        QTest::newRow("header > total") << QByteArray("HMSG a 1 10 5\r\n") << QStringLiteral("header size exceeds");
        QTest::newRow("body without CRLF")
            << QByteArray("MSG a 1 3\r\nabcXY") << QStringLiteral("not followed by CRLF");
        QTest::newRow("huge") << QByteArray("MSG a 1 99999999999\r\n") << QStringLiteral("exceeds the limit");
        QTest::newRow("endless line") << QByteArray(NatsProtocolParser::kMaxControlLine + 10, 'A')
                                      << QStringLiteral("control line longer");
    }
    void protocolViolationsAreReported()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, expected);
        NatsProtocolParser p;
        QVERIFY(p.feed("PING\r\n", [](NatsFrame&&) {}));
        QVERIFY(!p.feed(bytes.toStdString(), [](NatsFrame&&) {}));
        QVERIFY2(QString::fromStdString(p.error()).contains(expected), p.error().c_str());
        // The position is where the offending operation starts (the body, for a body without CRLF).
        const int at = expected.contains(QStringLiteral("CRLF")) ? 6 + 11 : 6;
        QVERIFY2(
            QString::fromStdString(p.error()).startsWith(QStringLiteral("NATS protocol error at byte %1:").arg(at)),
            p.error().c_str());
        QVERIFY(!p.feed("PING\r\n", [](NatsFrame&&) {})); // stays failed until reset
        p.reset();
        QVERIFY(p.feed("PING\r\n", [](NatsFrame&&) {}));
    }

    void headersRoundTrip()
    {
        NatsHeaders h;
        h.set("Nats-Msg-Id", "cmd-1");
        h.set("Operator", "alice\r\nInjected: yes"); // a line break must not forge a header
        h.set("nats-msg-id", "cmd-2");               // keys are case-insensitive: replaces
        const std::string wire = h.serialize();
        QCOMPARE(wire, std::string("NATS/1.0\r\nNats-Msg-Id: cmd-2\r\nOperator: aliceInjected: yes\r\n\r\n"));
        const auto back = NatsHeaders::parse(wire);
        QVERIFY(back);
        QCOMPARE(back->fields, h.fields);

        const auto hb = NatsHeaders::parse("NATS/1.0 100 Idle Heartbeat\r\nNats-Last-Consumer: 12\r\n"
                                           "Nats-Last-Stream: 40\r\n\r\n");
        QCOMPARE(hb->status, 100);
        QCOMPARE(hb->description, std::string("Idle Heartbeat"));
        QCOMPARE(hb->value("Nats-Last-Consumer").value(), std::string("12"));
        QVERIFY(!NatsHeaders::parse("HTTP/1.1 200 OK\r\n\r\n"));
    }

    void nkeySignsTheNonce()
    {
        const NKeyPair pair = nkeyCreateUser();
        QCOMPARE(pair.seed.substr(0, 2), std::string("SU"));
        QCOMPARE(pair.publicKey.substr(0, 1), std::string("U"));
        QCOMPARE(pair.publicKey.size(), std::size_t{56});
        QCOMPARE(nkeyPublicKey(pair.seed).value(), pair.publicKey);
        const auto sig = nkeySign(pair.seed, "nonce-123");
        QVERIFY(sig);
        QCOMPARE(sig->size(), std::size_t{86});                   // 64 bytes in base64url without padding
        QCOMPARE(nkeySign(pair.seed, "nonce-123").value(), *sig); // Ed25519 is deterministic
        QVERIFY(nkeySign(pair.seed, "nonce-124").value() != *sig);

        std::string typo = pair.seed;
        typo[10] = typo[10] == 'A' ? 'B' : 'A';
        QVERIFY(QString::fromStdString(nkeySign(typo, "x").error()).contains(QStringLiteral("checksum")));
        QVERIFY(QString::fromStdString(nkeySign("not a seed!", "x").error()).contains(QStringLiteral("invalid")));
        QVERIFY(QString::fromStdString(nkeySign(pair.publicKey, "x").error()).contains(QStringLiteral("36 bytes")) ||
                QString::fromStdString(nkeySign(pair.publicKey, "x").error()).contains(QStringLiteral("not a seed")));

        // Issuers' keys (JWT auth): account and operator seeds sign as themselves only.
        const NKeyPair account = nkeyCreate(NKeyKind::Account);
        const NKeyPair op = nkeyCreate(NKeyKind::Operator);
        QCOMPARE(account.seed.substr(0, 2), std::string("SA"));
        QCOMPARE(account.publicKey.substr(0, 1), std::string("A"));
        QCOMPARE(op.seed.substr(0, 2), std::string("SO"));
        QCOMPARE(op.publicKey.substr(0, 1), std::string("O"));
        QVERIFY(nkeySignAs(NKeyKind::Account, account.seed, "claims").ok());
        QCOMPARE(nkeySign(account.seed, "x").error(),
                 std::string("nkey: not a user seed (those start with 'SU')")); // pasted the wrong seed
        QVERIFY(!nkeySignAs(NKeyKind::Operator, account.seed, "x").ok());
    }

    void commandIdsAreTimeOrderedUuidV7()
    {
        const std::string a = uuidV7(1700000000000);
        const std::string b = uuidV7(1700000000001);
        QCOMPARE(a.size(), std::size_t{36});
        QCOMPARE(a[14], '7');
        QVERIFY(a[19] == '8' || a[19] == '9' || a[19] == 'a' || a[19] == 'b');
        QVERIFY(a < b);
        QVERIFY(uuidV7(1700000000000) != a);
    }

    void eventContract_data()
    {
        QTest::addColumn<QString>("stream");
        QTest::addColumn<QString>("subject");
        QTest::addColumn<QString>("msgId");
        QTest::addColumn<QString>("body");
        QTest::addColumn<QString>("eventId");
        QTest::addColumn<QString>("reason");
        QTest::newRow("valid") << "EVENTS"
                               << "evt.anomaly.acme.issuer.HDFC"
                               << "e-1"
                               << R"({"schema":1,"x":2})"
                               << "e-1"
                               << "";
        QTest::newRow("id from payload") << "EVENTS"
                                         << "evt.sla.acme.ticket.7"
                                         << ""
                                         << R"({"schema":"1","event_id":"p"})"
                                         << "p"
                                         << "";
        QTest::newRow("no id at all") << "EVENTS"
                                      << "evt.sla.acme.ticket.7"
                                      << ""
                                      << R"({"schema":1})"
                                      << "EVENTS:42"
                                      << "";
        QTest::newRow("unknown topic kept") << "EVENTS"
                                            << "evt.newtopic.acme.x.y"
                                            << "e"
                                            << R"({"schema":2,"new":1})"
                                            << "e"
                                            << "";
        QTest::newRow("not json") << "EVENTS"
                                  << "evt.anomaly.acme.issuer.HDFC"
                                  << "e"
                                  << "{oops"
                                  << "e"
                                  << "payload is not valid JSON";
        QTest::newRow("array") << "EVENTS"
                               << "evt.anomaly.acme.issuer.HDFC"
                               << "e"
                               << "[1]"
                               << "e"
                               << "payload is not a JSON object";
        QTest::newRow("no schema") << "EVENTS"
                                   << "evt.anomaly.acme.issuer.HDFC"
                                   << "e"
                                   << R"({"a":1})"
                                   << "e"
                                   << "no \"schema\" version field";
        QTest::newRow("short subject") << "EVENTS"
                                       << "evt.anomaly"
                                       << "e"
                                       << R"({"schema":1})"
                                       << "e"
                                       << "does not follow evt.<topic>";
        QTest::newRow("telemetry") << "TELEMETRY"
                                   << "tel.acme.issuer.HDFC"
                                   << "t"
                                   << R"({"schema":1})"
                                   << "t"
                                   << "";
        // An agent's whole cycle, the contract's other telemetry subject: it was set aside as malformed.
        QTest::newRow("telemetry cycle") << "TELEMETRY"
                                         << "tel.acme.cycle"
                                         << "c"
                                         << R"({"schema":1})"
                                         << "c"
                                         << "";
        QTest::newRow("short telemetry") << "TELEMETRY"
                                         << "tel.acme.health"
                                         << "h"
                                         << R"({"schema":1})"
                                         << "h"
                                         << "does not follow tel.<tenant>.issuer.<issuer> or tel.<tenant>.cycle";
    }
    void eventContract()
    {
        QFETCH(QString, stream);
        QFETCH(QString, subject);
        QFETCH(QString, msgId);
        QFETCH(QString, body);
        QFETCH(QString, eventId);
        QFETCH(QString, reason);
        NatsHeaders h;
        if (!msgId.isEmpty())
            h.set("Nats-Msg-Id", msgId.toStdString());
        const EventCheck c = checkEvent(stream.toStdString(), 42, subject.toStdString(), h, body.toStdString());
        QCOMPARE(QString::fromStdString(c.eventId), eventId);
        if (reason.isEmpty())
            QVERIFY2(c.quarantineReason.empty(), c.quarantineReason.c_str());
        else
            QVERIFY2(QString::fromStdString(c.quarantineReason).contains(reason), c.quarantineReason.c_str());
    }

    void bytesThatAreNotUtf8AreQuarantinedAndAnUnnamedOutcomeIsARefusal()
    {
        // A message id or subject of raw bytes went on into JSON results, whose writer threw and stopped the agent.
        NatsHeaders h;
        h.set("Nats-Msg-Id", "bad-\xff\xfe-1");
        EventCheck c = checkEvent("COMMANDS", 7, "cmd.approval.decide", h, R"({"schema":1})");
        QCOMPARE(c.eventId, std::string("COMMANDS:7"));
        QCOMPARE(c.quarantineReason, std::string("the message id (Nats-Msg-Id) is not valid UTF-8"));
        c = checkEvent("EVENTS", 8, "evt.anomaly.acme.x.\xff", {}, R"({"schema":1})");
        QCOMPARE(c.quarantineReason, std::string("the subject is not valid UTF-8"));
        c = checkEvent("EVENTS", 9, "evt.anomaly.acme.x.caf\xc3\xa9", {}, R"({"schema":1})"); // UTF-8 is fine
        QVERIFY2(c.quarantineReason.empty(), c.quarantineReason.c_str());

        // Only "applied" confirms a command; what the contract does not name is not a success.
        const auto rejected = [](const char* body) {
            return checkEvent("EVENTS", 1, "evt.approval.acme.request.7", {}, body).rejected;
        };
        QVERIFY(!rejected(R"({"schema":1,"caused_by":"c1","outcome":"applied"})"));
        QVERIFY(rejected(R"({"schema":1,"caused_by":"c1","outcome":"rejected"})"));
        QVERIFY(rejected(R"({"schema":1,"caused_by":"c1","outcome":"conflict"})"));
        QVERIFY(rejected(R"({"schema":1,"caused_by":"c1","outcome":"failed"})"));
        QVERIFY(rejected(R"({"schema":1,"caused_by":"c1"})"));
        QVERIFY(rejected(R"({"schema":1,"caused_by":"c1","outcome":7})"));
    }

    void jsonFieldsOfTheWrongTypeReadAsTheirFallback()
    {
        const auto j = nlohmann::json::parse(
            R"({"s":"x","n":5,"neg":-1,"big":18446744073709551615,"b":true,"f":1.5,"o":{"k":1},"ns":"5"})");
        QCOMPARE(jsonFieldOr(j, "s", std::string("d")), std::string("x"));
        QCOMPARE(jsonFieldOr(j, "n", std::string("d")), std::string("d"));
        QCOMPARE(jsonFieldOr(j, "ns", std::uint64_t{0}), std::uint64_t{0});
        QCOMPARE(jsonFieldOr(j, "n", std::uint64_t{0}), std::uint64_t{5});
        QCOMPARE(jsonFieldOr(j, "neg", std::uint64_t{9}), std::uint64_t{9});
        QCOMPARE(jsonFieldOr(j, "neg", std::int64_t{9}), std::int64_t{-1});
        QCOMPARE(jsonFieldOr(j, "big", std::int64_t{9}), std::int64_t{9});
        QCOMPARE(jsonFieldOr(j, "big", 3), 3);
        QCOMPARE(jsonFieldOr(j, "f", 0), 0); // not a whole number
        QCOMPARE(jsonFieldOr(j, "f", 0.0), 1.5);
        QCOMPARE(jsonFieldOr(j, "b", false), true);
        QCOMPARE(jsonFieldOr(j, "n", false), false);
        QCOMPARE(jsonFieldOr(j, "missing", 4), 4);
        QCOMPARE(jsonFieldOr(nlohmann::json("accepted"), "seq", 4), 4);
        QCOMPARE(jsonObjectAt(j, "o").value("k", 0), 1);
        QVERIFY(jsonObjectAt(j, "s").empty());
        QVERIFY(jsonObjectAt(nlohmann::json::array(), "o").empty());
    }

    void contractSubjectsKeepIdsInOneToken()
    {
        QCOMPARE(contract::eventSubject(QStringLiteral("anomaly"), QStringLiteral("acme"), QStringLiteral("dimension"),
                                        QStringLiteral("HDFC/UPI v1.2")),
                 QStringLiteral("evt.anomaly.acme.dimension.HDFC/UPI_v1_2"));
        QCOMPARE(contract::telemetrySubject(QStringLiteral("acme"), QStringLiteral("SBI")),
                 QStringLiteral("tel.acme.issuer.SBI"));
        QCOMPARE(contract::commandSubject(QStringLiteral("approval"), QStringLiteral("decide")),
                 QStringLiteral("cmd.approval.decide"));
    }
};

QTEST_GUILESS_MAIN(TestNatsProtocol)
#include "test_nats_protocol.moc"
