#include "sync_client.h"

#include "core/logging.h"
#include "event_contract.h"
#include "nats_backend.h"
#include "uuid_v7.h"

#include <QDateTime>

namespace payops::sync {

namespace {

// What the outbox sends. Invalid UTF-8 in a field (a stranger's text quoted in a result) is replaced, not thrown out
// of a slot.
std::string outboxPayload(const nlohmann::json& body)
{
    return body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::int64_t nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

constexpr int kStreamNotFound = 10059;

} // namespace

QString syncStateName(SyncState s)
{
    switch (s) {
    case SyncState::Connecting:
        return QStringLiteral("connecting");
    case SyncState::Waiting:
        return QStringLiteral("waiting");
    case SyncState::Live:
        return QStringLiteral("live");
    case SyncState::Reconnecting:
        return QStringLiteral("reconnecting");
    case SyncState::HistoryTruncated:
        return QStringLiteral("history_truncated");
    case SyncState::Closed:
        return QStringLiteral("closed");
    }
    return {};
}

SyncClient::SyncClient(SyncBackend* backend, SyncStore* store, SyncClientOptions options, QObject* parent)
    : QObject(parent), m_backend(backend), m_store(store), m_options(std::move(options))
{
    init();
}

SyncClient::SyncClient(NatsWsConnection* connection, SyncStore* store, SyncClientOptions options, QObject* parent)
    : QObject(parent), m_store(store), m_options(std::move(options))
{
    m_backend = new NatsBackend(connection, this);
    init();
}

void SyncClient::init()
{
    m_store->setTarget(m_backend->isLocal() ? "local" : "server");
    for (const SyncStreamSpec& spec : m_options.streams) {
        auto s = std::make_unique<StreamState>();
        s->spec = spec;
        StreamReaderOptions ro;
        ro.stream = spec.stream;
        ro.filterSubject = spec.filterSubject;
        ro.idleHeartbeatMs = m_options.idleHeartbeatMs;
        ro.apiTimeoutMs = m_options.apiTimeoutMs;
        s->consumer = m_backend->createReader(ro, this);
        StreamState* raw = s.get();
        connect(s->consumer, &StreamReader::message, this, [this, raw](const JsMessage& m) { onMessage(*raw, m); });
        connect(s->consumer, &StreamReader::ready, this, [this, raw](std::uint64_t pending) {
            raw->reading = true;
            raw->problem.clear();
            updateReadingState();
            if (pending == 0 && !raw->caughtUp) {
                raw->caughtUp = true;
                Q_EMIT caughtUpChanged(caughtUp());
            }
        });
        connect(s->consumer, &StreamReader::recreating, this, [this] { ++m_counters.consumerRecreations; });
        // The stream is not followed now (deleted, refused), whether it was read a moment ago or never: the status says
        // so, and the stream is checked again (epoch, truncation) before reading on. Left to retry on its own, a
        // stream deleted and created anew went on from the old sequence: its first new events were skipped.
        connect(s->consumer, &StreamReader::unavailable, this, [this, raw](const QString& why) {
            raw->consumer->stop();
            streamUnavailable(*raw, why);
        });
        // Deleted and created anew between two looks (the reader found another epoch as it re-created itself):
        // checked again like any stream that went away, which resyncs it from its first event.
        connect(s->consumer, &StreamReader::streamRecreated, this,
                [this, raw] { streamUnavailable(*raw, tr("%1 was deleted and created anew").arg(raw->spec.stream)); });
        m_streams.emplace(spec.stream, std::move(s));
    }
    connect(m_backend, &SyncBackend::connected, this, &SyncClient::onConnected);
    connect(m_backend, &SyncBackend::stateChanged, this, [this](LinkState st) {
        if (st == LinkState::Reconnecting) {
            commitAll(); // what arrived before the drop is real; keep it
            for (auto& [name, s] : m_streams) {
                s->caughtUp = false;
                s->reading = false;
            }
            setState(SyncState::Reconnecting, m_backend->lastError());
        } else if (st == LinkState::Closed) {
            setState(SyncState::Closed, m_backend->lastError());
        }
    });
    connect(m_backend, &SyncBackend::serverError, this, [this](const QString& text) { m_lastError = text; });
    m_outboxTimer.setInterval(1000);
    connect(&m_outboxTimer, &QTimer::timeout, this, &SyncClient::drainOutbox);
    m_streamRetry.setSingleShot(true);
    connect(&m_streamRetry, &QTimer::timeout, this, [this] {
        for (auto& [name, s] : m_streams)
            if (!s->consumer->isActive() && !s->infoPending)
                checkStream(*s);
    });
    refreshQueued();
}

SyncClient::~SyncClient()
{
    commitAll();
    // Readers go before the backend they may still talk through (children go in creation order).
    for (auto& [name, s] : m_streams) {
        delete s->consumer;
        s->consumer = nullptr;
    }
}

void SyncClient::start()
{
    m_started = true;
    refreshSetAside(); // those of earlier sessions too: nothing was applied from them either
    setState(SyncState::Connecting);
    if (m_backend->isConnected())
        onConnected();
    else
        m_backend->open();
}

void SyncClient::stop()
{
    m_started = false;
    commitAll();
    for (auto& [name, s] : m_streams)
        s->consumer->stop();
    m_outboxTimer.stop();
}

void SyncClient::setState(SyncState state, const QString& detail)
{
    m_presence.state = state;
    m_presence.attempt = m_backend->reconnectAttempt();
    m_presence.detail = detail;
    if (state != SyncState::Waiting)
        m_presence.waitingFor.clear();
    Q_EMIT presenceChanged(m_presence);
}

void SyncClient::streamUnavailable(StreamState& s, const QString& why)
{
    s.reading = false;
    s.caughtUp = false;
    s.problem = why;
    updateReadingState();
    if (m_backend->isConnected() && !m_streamRetry.isActive())
        m_streamRetry.start(2000);
}

void SyncClient::updateReadingState()
{
    if (!m_started || !m_backend->isConnected())
        return;
    QStringList waiting;
    QStringList problems;
    bool allReading = true;
    for (const auto& [name, s] : m_streams) {
        allReading = allReading && s->reading;
        if (!s->reading && !s->problem.isEmpty()) {
            waiting << name;
            problems << name + QStringLiteral(": ") + s->problem;
        }
    }
    if (allReading) {
        setState(m_truncated.empty() ? SyncState::Live : SyncState::HistoryTruncated,
                 m_truncated.empty() ? QString() : m_truncatedDetail);
    } else if (!waiting.isEmpty()) {
        m_presence.waitingFor = waiting;
        setState(SyncState::Waiting, problems.join(QLatin1Char('\n')));
    } else if (m_presence.state != SyncState::Connecting) {
        setState(SyncState::Connecting);
    }
}

std::optional<std::int64_t> SyncClient::unsentCount() const
{
    auto pending = m_store->outboxCount("pending");
    auto acked = m_store->outboxCount("acked");
    if (!pending || !acked)
        return std::nullopt;
    return *pending + *acked;
}

void SyncClient::refreshQueued()
{
    if (const auto unsent = unsentCount())
        m_presence.queuedCommands = *unsent;
}

void SyncClient::refreshSetAside()
{
    auto count = m_store->quarantineCount();
    auto newest = m_store->newestQuarantine();
    if (!count || !newest)
        return; // the count keeps its last value; a store that cannot be read says so through the batches
    m_presence.setAside = *count;
    m_presence.newestSetAside = QString::fromStdString(newest->value_or(std::string()));
}

bool SyncClient::caughtUp() const
{
    for (const auto& [name, s] : m_streams)
        if (!s->caughtUp)
            return false;
    return true;
}

void SyncClient::onConnected()
{
    if (!m_started)
        return;
    // Connected is not live yet: each stream is checked and its reader started first (updateReadingState).
    for (auto& [name, s] : m_streams) {
        s->reading = false;
        s->problem.clear();
    }
    setState(SyncState::Connecting);
    for (auto& [name, s] : m_streams) {
        s->consumer->stop();
        checkStream(*s);
    }
    m_outboxTimer.start();
    drainOutbox();
}

void SyncClient::checkStream(StreamState& s)
{
    s.infoPending = true;
    StreamState* raw = &s;
    m_backend->streamInfo(
        s.spec.stream, this,
        [this, raw](const StreamInfoReply& r) {
            raw->infoPending = false;
            const std::string stream = raw->spec.stream.toStdString();
            if (!r.ok) {
                m_lastError = r.error;
                qCWarning(lcSync) << "stream" << raw->spec.stream << "not available:" << r.error;
                streamUnavailable(*raw, r.error); // a service may create it later
                return;
            }
            const std::string& created = r.created;
            const std::uint64_t first = r.firstSeq;
            const std::uint64_t last = r.lastSeq;
            auto cursor = m_store->cursor(stream);
            if (!cursor) {
                m_lastError = QString::fromStdString(cursor.error());
                Q_EMIT storeError(m_lastError);
                streamUnavailable(*raw, m_lastError); // tried again: a full disk may have room by then
                return;
            }
            if (cursor->streamCreated != created) {
                // Epoch check: the stream was deleted and recreated, its sequences restarted. Full resync.
                if (!cursor->streamCreated.empty()) {
                    ++m_counters.epochResets;
                    qCWarning(lcSync) << "stream" << raw->spec.stream << "was recreated; resyncing from the start";
                }
                auto dropped = m_store->resetEpoch(stream, created);
                if (!dropped) {
                    m_lastError = QString::fromStdString(dropped.error());
                    Q_EMIT storeError(m_lastError);
                    streamUnavailable(*raw, m_lastError);
                    return;
                }
                cursor->lastSeq = 0;
            } else if (last < cursor->lastSeq) {
                // Reading on from our cursor would skip the server's next events: they take the lost sequences.
                qCWarning(lcSync) << "stream" << raw->spec.stream << "ends at" << last << "but we applied up to"
                                  << cursor->lastSeq << "- the server lost acknowledged data (G14)";
                auto moved = m_store->rewindLostTail(stream, first, last, nowMs());
                if (!moved) {
                    m_lastError = QString::fromStdString(moved.error());
                    Q_EMIT storeError(m_lastError);
                    streamUnavailable(*raw, m_lastError);
                    return;
                }
                m_counters.lostByServer += *moved;
                m_lastError = tr("%1: the server lost events %2 to %3 after this console applied them; they are set "
                                 "aside, and its last events are read again")
                                  .arg(raw->spec.stream)
                                  .arg(last + 1)
                                  .arg(cursor->lastSeq);
                cursor->lastSeq = SyncStore::recheckFrom(first, last);
                refreshSetAside();
                Q_EMIT presenceChanged(m_presence);
            }
            if (first > cursor->lastSeq + 1) {
                // Truncation: retention removed events this console never saw. Say so, continue from first_seq.
                const std::uint64_t from = cursor->lastSeq + 1;
                if (Status st = m_store->markTruncated(stream, first, nowMs()); !st) {
                    m_lastError = QString::fromStdString(st.error());
                    Q_EMIT storeError(m_lastError);
                    streamUnavailable(*raw, m_lastError);
                    return;
                }
                m_truncated[raw->spec.stream] = {from, first - 1};
                cursor->lastSeq = first - 1;
                m_truncatedDetail = tr("%1: events %2 to %3 were removed by retention before this console saw them")
                                        .arg(raw->spec.stream)
                                        .arg(from)
                                        .arg(first - 1);
            }
            raw->caughtUp = false;
            raw->consumer->start(cursor->lastSeq + 1, created);
        },
        m_options.apiTimeoutMs);
}

void SyncClient::onMessage(StreamState& s, const JsMessage& m)
{
    IncomingEvent e;
    e.streamSeq = m.streamSeq;
    e.subject = m.subject;
    e.body = m.payload;
    e.headers = m.rawHeaders;
    const EventCheck check = checkEvent(s.spec.stream.toStdString(), m.streamSeq, e.subject, m.headers, e.body);
    e.eventId = check.eventId;
    e.quarantineReason = check.quarantineReason;
    e.causedBy = check.causedBy;
    e.rejected = check.rejected;
    s.batch.push_back(std::move(e));
    if (m.pending == 0 && !s.caughtUp) {
        s.caughtUp = true;
        commit(s);
        Q_EMIT caughtUpChanged(caughtUp());
        return;
    }
    if (static_cast<int>(s.batch.size()) >= m_options.batchMax) {
        commit(s);
        return;
    }
    if (!m_commitScheduled) {
        // Everything one WebSocket frame delivered lands in one transaction.
        m_commitScheduled = true;
        QMetaObject::invokeMethod(this, &SyncClient::commitAll, Qt::QueuedConnection);
    }
}

void SyncClient::commitAll()
{
    m_commitScheduled = false;
    for (auto& [name, s] : m_streams)
        commit(*s);
}

void SyncClient::commit(StreamState& s)
{
    if (s.batch.empty())
        return;
    auto applied = m_store->apply(s.spec.stream.toStdString(), s.batch, nowMs());
    if (!applied) {
        // A full disk or I/O error: nothing of the batch is stored and the cursor did not move. Restart the
        // consumer from the stored cursor so the same events come again once the store works.
        m_lastError = QString::fromStdString(applied.error());
        qCWarning(lcSync) << m_lastError;
        Q_EMIT storeError(m_lastError);
        s.batch.clear();
        s.consumer->stop();
        s.caughtUp = false;
        s.reading = false; // not live while nothing is stored; ready() says so again once it reads
        s.problem = m_lastError;
        updateReadingState();
        // Back off (1 s doubling to 30 s) so a full disk is not hammered with redeliveries.
        const int delay = std::min(30000, 1000 << std::min(s.storeFailures++, 5));
        StreamState* raw = &s;
        QTimer::singleShot(delay, this, [this, raw] {
            if (!m_started || !m_backend->isConnected())
                return; // a reconnect restarts it from the cursor anyway
            if (auto c = m_store->cursor(raw->spec.stream.toStdString()))
                raw->consumer->start(c->lastSeq + 1, c->streamCreated);
        });
        return;
    }
    s.storeFailures = 0;
    s.batch.clear();
    ++m_counters.transactions;
    m_counters.received += applied->inserted;
    m_counters.duplicates += applied->duplicates;
    m_counters.quarantined += applied->quarantined;
    m_counters.lostByServer += applied->lostByServer;
    if (applied->quarantined > 0 || applied->lostByServer > 0) {
        refreshSetAside();
        Q_EMIT presenceChanged(m_presence);
    }
    m_counters.outboxConfirmed += applied->confirmed;
    m_presence.lastEventMs = nowMs();
    if (applied->confirmed)
        refreshQueued();
    for (const SettledCommand& c : applied->settled)
        Q_EMIT commandSettled(QString::fromStdString(c.commandId), c.rejected, QString::fromStdString(c.result));
    Q_EMIT eventsApplied(s.spec.stream, applied->inserted);
}

Result<std::string> SyncClient::queueCommand(const QString& subject, const nlohmann::json& payload,
                                             std::optional<std::int64_t> expectedVersion)
{
    OutboxCommand c;
    c.createdAt = nowMs();
    c.commandId = uuidV7(c.createdAt);
    c.subject = subject.toStdString();
    nlohmann::json body = payload;
    body["command_id"] = c.commandId;
    if (!body.contains("schema"))
        body["schema"] = contract::kSchemaVersion;
    c.payload = outboxPayload(body);
    c.expectedVersion = expectedVersion;
    if (Status s = m_store->enqueue(c); !s)
        return s.failure();
    refreshQueued();
    drainOutbox();
    return c.commandId;
}

Status SyncClient::queueEvent(const QString& subject, const nlohmann::json& payload, const std::string& eventId)
{
    OutboxCommand c;
    c.createdAt = nowMs();
    c.commandId = eventId;
    c.subject = subject.toStdString();
    nlohmann::json body = payload;
    if (!body.contains("schema"))
        body["schema"] = contract::kSchemaVersion;
    body["event_id"] = eventId;
    c.payload = outboxPayload(body);
    c.needsResult = false;
    if (Status s = m_store->enqueue(c); !s)
        return s;
    drainOutbox();
    return Status::success();
}

void SyncClient::drainOutbox()
{
    if (m_sending || !m_backend->isConnected())
        return;
    auto found = m_store->nextToSend(nowMs() - m_options.resendAckedAfterMs);
    if (!found) {
        Q_EMIT storeError(QString::fromStdString(found.error()));
        return;
    }
    if (!*found)
        return;
    const OutboxCommand* next = &**found;
    m_sending = true;
    NatsHeaders h;
    h.set("Nats-Msg-Id", next->commandId);
    if (!m_options.consoleId.isEmpty())
        h.set("Console-Id", m_options.consoleId.toStdString());
    if (!m_options.operatorName.isEmpty())
        h.set("Operator", m_options.operatorName.toStdString());
    const std::string id = next->commandId;
    m_backend->publish(
        QString::fromStdString(next->subject), QByteArray::fromStdString(next->payload), h, this,
        [this, id](const PublishAck& r) {
            if (!r.ok && r.refused) {
                // Later, not here: a refusal is answered before publish() returns, so the next refused command would
                // be sent from inside this one (a long queue of them overflowed the stack), and inside whatever
                // transaction queued it. Still "sending" until then, so nothing sends this one again meanwhile.
                QMetaObject::invokeMethod(
                    this,
                    [this, id, error = r.error] {
                        m_sending = false;
                        refuse(id, error);
                    },
                    Qt::QueuedConnection);
                return;
            }
            m_sending = false;
            std::optional<std::uint64_t> seq;
            if (r.ok)
                seq = r.seq;
            if (Status s = m_store->markSent(id, seq, r.ok ? std::string() : r.error.toStdString(), nowMs()); !s)
                Q_EMIT storeError(QString::fromStdString(s.error()));
            if (!r.ok) {
                m_lastError = r.error;
                return; // retried by the timer, with the same command id
            }
            ++m_counters.outboxSent;
            refreshQueued();
            drainOutbox();
        },
        m_options.apiTimeoutMs);
}

void SyncClient::refuse(const std::string& id, const QString& error)
{
    // Settled as a service's rejection would be, so the console says it the same way (the decision it showed as made
    // was not), and the command is no longer counted as queued.
    m_lastError = error;
    qCWarning(lcSync) << "the server refused command" << QString::fromStdString(id) << ":" << error;
    const std::string result = outboxPayload({{"outcome", "refused"}, {"detail", error.toStdString()}});
    Result<bool> settled = m_store->markRefused(id, error.toStdString(), result, nowMs());
    if (!settled) {
        Q_EMIT storeError(QString::fromStdString(settled.error()));
        return; // still pending: it is tried again rather than lost
    }
    // An acknowledged command refused when sent again (a limit lowered since) is stored on the server already: it
    // waits for its result as before. Only one never taken is settled as refused.
    if (*settled)
        Q_EMIT commandSettled(QString::fromStdString(id), true, QString::fromStdString(result));
    refreshQueued();
    Q_EMIT presenceChanged(m_presence);
    drainOutbox();
}

nlohmann::json SyncClient::summary() const
{
    nlohmann::json lastSeq = nlohmann::json::object();
    nlohmann::json stored = nlohmann::json::object();
    for (const auto& [name, s] : m_streams) {
        if (auto c = m_store->cursor(name.toStdString()))
            lastSeq[name.toStdString()] = c->lastSeq;
        if (auto n = m_store->eventCount(name.toStdString()))
            stored[name.toStdString()] = *n;
    }
    nlohmann::json truncated = nlohmann::json::object();
    for (const auto& [name, range] : m_truncated)
        truncated[name.toStdString()] = {range.first, range.second};
    auto confirmed = m_store->outboxCount("confirmed");
    auto rejected = m_store->outboxCount("rejected");
    // Counted now, not taken from the presence: events queued since its last refresh wait too (a publisher's summary
    // said 0 unsent with 6 pending), and counting them once here costs less than at every queued event.
    const std::int64_t queued = unsentCount().value_or(m_presence.queuedCommands);
    return {{"received", m_counters.received},
            {"duplicates_ignored", m_counters.duplicates},
            {"last_seq", lastSeq},
            {"events_stored", stored},
            {"outbox_sent", m_counters.outboxSent},
            {"outbox_confirmed", m_counters.outboxConfirmed},
            {"outbox_confirmed_total", confirmed ? *confirmed : 0},
            {"outbox_rejected_total", rejected ? *rejected : 0},
            {"outbox_queued", queued},
            {"quarantined", m_counters.quarantined},
            {"history_truncated", truncated},
            {"consumer_recreations", m_counters.consumerRecreations},
            {"epoch_resets", m_counters.epochResets},
            {"lost_by_server", m_counters.lostByServer},
            {"transactions", m_counters.transactions},
            {"state", syncStateName(m_presence.state).toStdString()},
            {"caught_up", caughtUp()},
            {"last_error", lastError().toStdString()}};
}

QString SyncClient::lastError() const
{
    // A server that was never reached (or is not now) is the error a script reading the summary needs; it is the
    // connection's to tell, not a server's or the store's, so m_lastError never hears of it.
    if (m_lastError.isEmpty() && !m_backend->isConnected())
        return m_backend->lastError();
    return m_lastError;
}

} // namespace payops::sync
