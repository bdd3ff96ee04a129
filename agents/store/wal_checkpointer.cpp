#include "wal_checkpointer.h"

#include "core/logging.h"

#include <chrono>
#include <sqlite3.h>

namespace payops {

namespace {
constexpr int kRestartFrames = 16384;          // 64 MiB of 4 KiB pages
constexpr const char* kSizeLimit = "67108864"; // the WAL file is truncated to this after a restart
} // namespace

WalCheckpointer::WalCheckpointer(sqlite3* writer, std::string path, int intervalMs)
    : m_writer(writer), m_path(std::move(path)), m_intervalMs(intervalMs)
{
    sqlite3_wal_autocheckpoint(m_writer, 0);
    sqlite3_exec(m_writer, (std::string("PRAGMA journal_size_limit = ") + kSizeLimit).c_str(), nullptr, nullptr,
                 nullptr);
    m_thread = std::thread([this] { run(); });
}

WalCheckpointer::~WalCheckpointer()
{
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_wake.notify_all();
    m_thread.join();
    sqlite3_wal_autocheckpoint(m_writer, 1000); // SQLite's default
    sqlite3_wal_checkpoint_v2(m_writer, nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
}

void WalCheckpointer::run()
{
    sqlite3* db = nullptr;
    if (sqlite3_open_v2(m_path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr) != SQLITE_OK) {
        qCWarning(lcStore) << "background checkpoints disabled: cannot open" << m_path.c_str() << sqlite3_errmsg(db);
        sqlite3_close(db);
        sqlite3_wal_autocheckpoint(m_writer, 1000); // fall back to checkpoints on commit
        return;
    }
    sqlite3_busy_timeout(db, 100);
    // A connection learns that the file is in WAL mode on its first read; until then a checkpoint is a no-op
    // (it reports -1 frames).
    sqlite3_exec(db, "SELECT count(*) FROM sqlite_master", nullptr, nullptr, nullptr);
    std::unique_lock lock(m_mutex);
    while (!m_stop) {
        m_wake.wait_for(lock, std::chrono::milliseconds(m_intervalMs));
        if (m_stop)
            break;
        lock.unlock();
        int logFrames = 0;
        int checkpointed = 0;
        int rc = sqlite3_wal_checkpoint_v2(db, nullptr, SQLITE_CHECKPOINT_PASSIVE, &logFrames, &checkpointed);
        if (rc == SQLITE_OK && logFrames > kRestartFrames) {
            // A writer that never pauses keeps the WAL from restarting at its beginning, so it would grow for as
            // long as the replay lasts. Past the limit, wait for a gap between the writer's commits (busy timeout)
            // and restart it; nearly all frames are already copied, so the pause is short.
            sqlite3_busy_timeout(db, 2000);
            rc = sqlite3_wal_checkpoint_v2(db, nullptr, SQLITE_CHECKPOINT_RESTART, &logFrames, &checkpointed);
            sqlite3_busy_timeout(db, 100);
        }
        if (rc == SQLITE_OK && checkpointed > 0)
            ++m_checkpoints;
        else if (rc != SQLITE_OK && rc != SQLITE_BUSY && rc != SQLITE_LOCKED)
            qCWarning(lcStore) << "background checkpoint of" << m_path.c_str() << "failed:" << sqlite3_errmsg(db);
        lock.lock();
    }
    sqlite3_close(db);
}

} // namespace payops
