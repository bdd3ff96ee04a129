#include "key_value_store.h"

#include <nlohmann/json.hpp>

namespace payops::sync {

void KeyValueStore::rollback(const QString& key, std::uint64_t to, std::uint64_t currentRevision, PutCallback done)
{
    getRevision(to, [this, key, to, currentRevision, done = std::move(done)](Result<std::optional<KvEntry>> r) {
        if (!r || !*r || (*r)->key != key || (*r)->deleted) {
            done(0, KvError{false, r ? tr("revision %1 of %2 does not exist (any more)").arg(to).arg(key)
                                     : QString::fromStdString(r.error())});
            return;
        }
        std::string value = (*r)->value;
        auto doc = nlohmann::json::parse(value, nullptr, false);
        if (doc.is_object()) {
            doc["rolled_back_from"] = to;
            value = doc.dump();
        }
        // The id makes a retried click a no-op: the store answers with the revision the first one made.
        put(key, value, currentRevision, done,
            QStringLiteral("rollback-%1-%2-to-%3").arg(key).arg(currentRevision).arg(to));
    });
}

} // namespace payops::sync
