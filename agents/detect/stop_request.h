#pragma once
// A stop asked for from a signal handler (payops-agent detect's SIGINT and SIGTERM): the CSV run in progress ends after
// the row it is on, so an interrupted stream ends on a whole row and a file being written is dropped cleanly, not left
// as a temporary file beside its name.

namespace payops::detect {

void requestStop(int signal) noexcept; // async-signal-safe; signal: the one that asked (0: none)
bool stopRequested() noexcept;
int stopSignal() noexcept; // the signal that asked, to be raised again once the run has ended cleanly

} // namespace payops::detect
