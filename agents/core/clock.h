#pragma once
// Every piece of runtime code reads time through a Clock so that simulated time (1x-1000x, pause, single step)
// and tests control it. Times are milliseconds since the Unix epoch.

#include <cstdint>

namespace payops {

using TimeMs = std::int64_t;

class Clock {
public:
    virtual ~Clock() = default;
    virtual TimeMs nowMs() const = 0;
};

// Wall-clock time, for actions taken by people (approvals from the CLI) and for the console's timers.
class SystemClock final : public Clock {
public:
    TimeMs nowMs() const override;
};

// A clock that only moves when told: simulated time in the runtime, and every timer test.
class ManualClock final : public Clock {
public:
    explicit ManualClock(TimeMs start = 0) : m_now(start) {}
    TimeMs nowMs() const override { return m_now; }
    void setMs(TimeMs t) { m_now = t; }
    void advanceMs(TimeMs dt) { m_now += dt; }

private:
    TimeMs m_now;
};

} // namespace payops
