#include "stream_info.h"

#include "core/json_field.h"
#include "js_api.h"

namespace payops::sync {

void requestStreamInfo(JsApi& api, const QString& stream, QObject* context,
                       std::function<void(const StreamInfoReply&)> done, int timeoutMs)
{
    api.request(
        QStringLiteral("$JS.API.STREAM.INFO.") + stream, {}, context,
        [done = std::move(done)](const NatsReply& r) {
            StreamInfoReply out;
            out.ok = r.ok;
            out.error = r.error;
            out.code = r.apiErrorCode;
            out.refused = r.refused;
            if (r.ok) {
                out.created = jsonFieldOr(r.json, "created", std::string());
                const nlohmann::json& state = jsonObjectAt(r.json, "state");
                out.firstSeq = jsonFieldOr(state, "first_seq", std::uint64_t{0});
                out.lastSeq = jsonFieldOr(state, "last_seq", std::uint64_t{0});
            }
            done(out);
        },
        RequestOptions{timeoutMs, 3, {}, true});
}

} // namespace payops::sync
