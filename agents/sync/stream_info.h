#pragma once
// $JS.API.STREAM.INFO.<stream>, read into the figures a follower of the stream checks before it reads on: the
// stream's epoch (`created`, another one once the stream was deleted and created anew) and its sequence range.

#include "sync_backend.h"

#include <QObject>
#include <QString>
#include <functional>

namespace payops::sync {

class JsApi;

void requestStreamInfo(JsApi& api, const QString& stream, QObject* context,
                       std::function<void(const StreamInfoReply&)> done, int timeoutMs);

} // namespace payops::sync
