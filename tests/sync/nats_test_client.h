#pragma once
// A remote service for tests, on the same client code: connects, creates streams and publishes events with
// PubAcks, synchronously (waiting in the event loop). Fails the test with the server's message on any error.

#include "sync/js_api.h"
#include "sync/nats_headers.h"
#include "sync/nats_ws_connection.h"

#include <QSignalSpy>
#include <QTest>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>

class NatsTestClient {
public:
    explicit NatsTestClient(const QString& url, payops::sync::NatsAuth auth = {})
    {
        payops::sync::NatsConnectionOptions o;
        o.urls = {url};
        o.auth = std::move(auth);
        o.name = QStringLiteral("test-service");
        o.reconnectBaseDelayMs = 50;
        o.reconnectMaxDelayMs = 500;
        conn = std::make_unique<payops::sync::NatsWsConnection>(o);
        api = std::make_unique<payops::sync::JsApi>(conn.get());
        conn->open();
    }
    ~NatsTestClient()
    {
        api.reset();
        conn->close();
    }

    bool waitConnected(int ms = 10000)
    {
        return QTest::qWaitFor([&] { return conn->isConnected(); }, ms);
    }

    // The reply, or nullopt on timeout (a test then fails with a clear message).
    std::optional<payops::sync::NatsReply> request(const QString& subject, const nlohmann::json& body,
                                                   payops::sync::RequestOptions options = {})
    {
        std::optional<payops::sync::NatsReply> reply;
        api->requestJson(
            subject, body, nullptr, [&](const payops::sync::NatsReply& r) { reply = r; }, options);
        (void)QTest::qWaitFor([&] { return reply.has_value(); }, options.timeoutMs * options.attempts * 3 + 1000);
        return reply;
    }

    bool createStream(const nlohmann::json& config)
    {
        const QString name = QString::fromStdString(config.at("name").get<std::string>());
        const auto r = request(QStringLiteral("$JS.API.STREAM.CREATE.") + name, config);
        if (!r || !r->ok)
            qWarning() << "stream create failed:" << (r ? r->error : QStringLiteral("timeout"));
        return r && r->ok;
    }

    bool deleteStream(const QString& name)
    {
        const auto r = request(QStringLiteral("$JS.API.STREAM.DELETE.") + name, nullptr);
        return r && r->ok;
    }

    nlohmann::json streamInfo(const QString& name)
    {
        const auto r = request(QStringLiteral("$JS.API.STREAM.INFO.") + name, nullptr);
        return r && r->ok ? r->json : nlohmann::json();
    }

    // Publishes with a PubAck; returns the stream sequence (0 on failure).
    std::uint64_t publish(const QString& subject, const QByteArray& body, const QString& msgId = {})
    {
        payops::sync::RequestOptions o;
        if (!msgId.isEmpty())
            o.headers.set("Nats-Msg-Id", msgId.toStdString());
        std::optional<payops::sync::NatsReply> reply;
        api->request(
            subject, body, nullptr, [&](const payops::sync::NatsReply& r) { reply = r; }, o);
        (void)QTest::qWaitFor([&] { return reply.has_value(); }, 20000);
        return reply && reply->ok ? reply->json.value("seq", std::uint64_t{0}) : 0;
    }

    // Publishes n events to EVENTS quickly (PubAcks pipelined); returns how many were acked.
    int publishEvents(int first, int n, const QString& tenant = QStringLiteral("acme"))
    {
        int acked = 0;
        int answered = 0;
        for (int i = first; i < first + n; ++i) {
            payops::sync::RequestOptions o;
            o.headers.set("Nats-Msg-Id", "evt-" + std::to_string(i));
            const nlohmann::json body = {{"schema", 1}, {"n", i}, {"pad", std::string(200, 'x')}};
            api->request(
                QStringLiteral("evt.anomaly.%1.dimension.d%2").arg(tenant).arg(i % 50),
                QByteArray::fromStdString(body.dump()), nullptr,
                [&](const payops::sync::NatsReply& r) {
                    ++answered;
                    acked += r.ok ? 1 : 0;
                },
                o);
            if (i % 500 == 0)
                (void)QTest::qWaitFor([&] { return answered >= i - first - 200; }, 20000);
        }
        (void)QTest::qWaitFor([&] { return answered == n; }, 60000);
        return acked;
    }

    std::unique_ptr<payops::sync::NatsWsConnection> conn;
    std::unique_ptr<payops::sync::JsApi> api;
};

inline nlohmann::json eventsStreamConfig(std::int64_t maxMsgs = -1)
{
    return {{"name", "EVENTS"},     {"subjects", {"evt.>"}},
            {"storage", "file"},    {"retention", "limits"},
            {"max_msgs", maxMsgs},  {"num_replicas", 1},
            {"allow_direct", true}, {"duplicate_window", std::int64_t{120} * 1000000000}};
}
