#include "detect/stop_request.h"

#include <csignal>

namespace payops::detect {

namespace {
volatile std::sig_atomic_t g_stop = 0;
} // namespace

void requestStop() noexcept
{
    g_stop = 1;
}

bool stopRequested() noexcept
{
    return g_stop != 0;
}

} // namespace payops::detect
