// store_crash_writer write DB  - commits cycles to DB forever, continuing after the stored checkpoint.
// store_crash_writer lock DB   - holds the runner lock on DB until killed.
//
// test_store SIGKILLs it at random moments and then checks that every committed cycle is complete. The data a
// cycle writes is a pure function of its number so the test can recompute what must be there.

#include "store/agent_store.h"

#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>
#include <thread>
#include <unistd.h>

namespace {

using namespace payops;

constexpr int kAuditPerCycle = 3;
constexpr std::int64_t kChunksKept = 16;
constexpr int kCyclesKept = 50;
constexpr std::int64_t kMaxCycles = 1'000'000; // a runaway guard, far beyond any test

std::string chunkBytes(std::int64_t cycle)
{
    // Grows and shrinks with the cycle so pages are allocated, freed and reused while the process is killed.
    const auto size = static_cast<std::size_t>(1000 + (cycle % 64) * 512);
    return std::string(size, static_cast<char>('a' + cycle % 26));
}

CycleCommit makeCycle(std::int64_t cycle)
{
    CycleCommit c;
    c.cycle = cycle;
    c.timeMs = cycle * 1000;
    for (int i = 0; i < kAuditPerCycle; ++i) {
        AuditEntry e;
        e.timeMs = c.timeMs + i;
        e.actor = "agent";
        e.kind = "crash_test";
        e.configVersion = 1;
        e.inputsJson = "{\"cycle\":" + std::to_string(cycle) + ",\"i\":" + std::to_string(i) + "}";
        e.outcomeJson = "{\"pad\":\"" + std::string(static_cast<std::size_t>(cycle % 300), 'p') + "\"}";
        c.audit.push_back(std::move(e));
    }
    c.stateJson = "{\"cycle\":" + std::to_string(cycle) + ",\"pad\":\"" +
                  std::string(static_cast<std::size_t>((cycle % 100) * 40), 's') + "\"}";
    c.newChunks.push_back(WindowChunk{cycle * 1000, cycle * 1000 + 999, chunkBytes(cycle)});
    c.dropChunksEndingBefore = (cycle - kChunksKept + 1) * 1000;
    c.snapshotJson = "{\"cycle\":" + std::to_string(cycle) + "}";
    c.keepCycles = kCyclesKept;
    ApprovalRow a;
    a.id = cycle % 10 + 1;
    a.createdAt = c.timeMs;
    a.state = "pending";
    a.summary = "approval from cycle " + std::to_string(cycle);
    a.requestJson = "{}";
    c.approvalUpserts.push_back(a);
    return c;
}

int commitForever(const std::string& path, pid_t parent)
{
    auto store = AgentStore::open(path);
    if (!store) {
        std::fprintf(stderr, "store_crash_writer: %s\n", store.error().c_str());
        return 1;
    }
    auto checkpoint = (*store)->loadCheckpoint();
    if (!checkpoint) {
        std::fprintf(stderr, "store_crash_writer: %s\n", checkpoint.error().c_str());
        return 1;
    }
    std::int64_t cycle = *checkpoint ? (*checkpoint)->cycle : 0;
    while (++cycle < kMaxCycles) {
        if (getppid() != parent)
            return 0; // the test died without killing us: do not loop forever
        if (Status s = (*store)->commitCycle(makeCycle(cycle)); !s) {
            std::fprintf(stderr, "store_crash_writer: %s\n", s.error().c_str());
            return 1;
        }
    }
    return 0;
}

int holdLock(const std::string& path, pid_t parent)
{
    auto lock = RunnerLock::acquire(path);
    if (!lock) {
        std::fprintf(stderr, "store_crash_writer: %s\n", lock.error().c_str());
        return 3;
    }
    std::printf("locked\n");
    std::fflush(stdout);
    while (getppid() == parent)
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    return 0;
}

} // namespace

int main(int argc, char** argv)
{
    if (argc != 3) {
        std::fprintf(stderr, "usage: store_crash_writer write|lock DB\n");
        return 2;
    }
    const pid_t parent = getppid();
    if (std::strcmp(argv[1], "write") == 0)
        return commitForever(argv[2], parent);
    if (std::strcmp(argv[1], "lock") == 0)
        return holdLock(argv[2], parent);
    std::fprintf(stderr, "store_crash_writer: unknown mode %s\n", argv[1]);
    return 2;
}
