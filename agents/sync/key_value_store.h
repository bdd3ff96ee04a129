#pragma once
// A key-value bucket with revisions (SYNC.md 5.5): compare-and-set puts, history, delete markers, rollback as a
// new revision, and a watch. KvBucket keeps it on a JetStream server (stream KV_<bucket>); LocalKv keeps it in the
// console's SQLite file. Callers (the Config page to come) cannot tell which one they use.

#include "core/result.h"

#include <QObject>
#include <QString>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace payops::sync {

struct KvEntry {
    QString key;
    std::uint64_t revision = 0;
    std::string value;
    bool deleted = false;
    std::int64_t timestampNs = 0;
};

// A failed put: conflict = the key changed since the revision the caller saw.
struct KvError {
    bool conflict = false;
    QString message;
};

class KeyValueStore : public QObject {
    Q_OBJECT
public:
    using QObject::QObject;
    using EntryCallback = std::function<void(Result<std::optional<KvEntry>>)>;
    using PutCallback = std::function<void(std::uint64_t revision, std::optional<KvError>)>;

    virtual const QString& name() const = 0;
    // Makes the bucket exist, keeping `history` revisions per key.
    virtual void create(int history, std::function<void(Status)> done) = 0;
    // nullopt: no such key (or deleted).
    virtual void get(const QString& key, EntryCallback done) = 0;
    virtual void getRevision(std::uint64_t revision, EntryCallback done) = 0;
    // expectedRevision: nullopt = unconditional, 0 = create only, r = only if the key is still at r. A msgId
    // makes a retried put a no-op that answers with the revision the first one made.
    virtual void put(const QString& key, const std::string& value, std::optional<std::uint64_t> expectedRevision,
                     PutCallback done, const QString& msgId = {}) = 0;
    virtual void remove(const QString& key, std::function<void(std::optional<KvError>)> done) = 0;
    // Every revision of key still kept, oldest first.
    virtual void history(const QString& key, std::function<void(Result<std::vector<KvEntry>>)> done) = 0;
    // Streams the current value of every key, then every change, to changed() until stopWatch().
    virtual void watch() = 0;
    virtual void stopWatch() = 0;

    // Puts the value of revision `to` as a new revision, if key is still at currentRevision. A JSON object value
    // gets "rolled_back_from": to. Retrying the same rollback returns the revision the first one made.
    void rollback(const QString& key, std::uint64_t to, std::uint64_t currentRevision, PutCallback done);

Q_SIGNALS:
    void changed(const payops::sync::KvEntry& entry);
};

} // namespace payops::sync
