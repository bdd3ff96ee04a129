#pragma once
// Moves SQLite's WAL checkpoints off a busy writer: the writer's connection stops checkpointing on commit
// (wal_autocheckpoint = 0) and a background thread with its own connection runs PASSIVE checkpoints every
// interval, which never block the writer. Measured with bench_sync_ingest: the inline checkpoints' fsyncs stalled
// the sync ingest by about a fifth.
//
// While this object lives the WAL is kept in check by the thread; on destruction the writer's automatic
// checkpoints are restored and one last checkpoint runs.

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

struct sqlite3;

namespace payops {

class WalCheckpointer {
public:
    WalCheckpointer(sqlite3* writer, std::string path, int intervalMs = 500);
    ~WalCheckpointer();
    WalCheckpointer(const WalCheckpointer&) = delete;
    WalCheckpointer& operator=(const WalCheckpointer&) = delete;

    int checkpoints() const { return m_checkpoints.load(); }

private:
    void run();

    sqlite3* m_writer;
    std::string m_path;
    int m_intervalMs;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_stop = false;
    std::atomic<int> m_checkpoints{0};
    std::thread m_thread;
};

} // namespace payops
