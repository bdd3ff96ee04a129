#pragma once
// A KV bucket in the console's SQLite file (SYNC.md 5.7), with KvBucket's semantics: revisions numbered per
// bucket, compare-and-set on the key's last revision (0 = create only), delete markers, a message id that makes
// a retried put a no-op, history kept to the bucket's depth, rollback as a new revision, and a watch that gives
// every key's current entry and then every change. Answers come on the next event-loop turn, as a server's would.

#include "key_value_store.h"

namespace payops {
class AgentStore;
}

namespace payops::sync {

class LocalKv : public KeyValueStore {
    Q_OBJECT
public:
    LocalKv(AgentStore& store, QString bucket, QObject* parent = nullptr);

    const QString& name() const override { return m_bucket; }
    void create(int history, std::function<void(Status)> done) override;
    void get(const QString& key, EntryCallback done) override;
    void getRevision(std::uint64_t revision, EntryCallback done) override;
    void put(const QString& key, const std::string& value, std::optional<std::uint64_t> expectedRevision,
             PutCallback done, const QString& msgId = {}) override;
    void remove(const QString& key, std::function<void(std::optional<KvError>)> done) override;
    void history(const QString& key, std::function<void(Result<std::vector<KvEntry>>)> done) override;
    void watch() override;
    void stopWatch() override;

private:
    struct Written {
        std::uint64_t revision = 0;
        std::optional<KvError> error;
        std::optional<KvEntry> entry; // what changed (for the watch); none for a deduplicated retry
    };
    Written write(const QString& key, const std::string& value, bool deleted,
                  std::optional<std::uint64_t> expectedRevision, const QString& msgId);
    Result<std::optional<KvEntry>> latest(const QString& key) const;
    template <typename F> void later(F f); // runs f on the next event-loop turn, unless this bucket is gone by then

    AgentStore& m_store;
    QString m_bucket;
    bool m_watching = false;
};

} // namespace payops::sync
