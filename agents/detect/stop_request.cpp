#include "detect/stop_request.h"

#include <csignal>

namespace payops::detect {

namespace {
volatile std::sig_atomic_t g_stop = 0;   // set once a stop is asked for
volatile std::sig_atomic_t g_signal = 0; // by which signal
} // namespace

void requestStop(int signal) noexcept
{
    g_signal = signal;
    g_stop = 1;
}

bool stopRequested() noexcept
{
    return g_stop != 0;
}

int stopSignal() noexcept
{
    return g_signal;
}

} // namespace payops::detect
