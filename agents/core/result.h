#pragma once
// A value-or-error result for calls that cross layers: errors carry a message meant for the user
// (with file:line:column where the input had a position), never an exception.

#include "core/phrase.h"

#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace payops {

struct Error {
    std::string message;
    // Another process holds the database (SQLite's lock for longer than this one waits, or the runner lock): nothing
    // is wrong with the input, and the same call may succeed later (command-line tools exit 1 for it, not 2).
    bool busy = false;
    // The database file is damaged (SQLite found it malformed): resuming or retrying cannot help; a backup can.
    bool damaged = false;
    // The message as a phrase, for errors a person meets in the console (a triage action refused): the console says
    // it in the reader's language. Empty: the message is said as it is.
    Phrase phrase{};
};

template <typename T> class [[nodiscard]] Result {
public:
    Result(T value) : m_data(std::move(value)) {}     // NOLINT(google-explicit-constructor): natural return syntax
    Result(Error error) : m_data(std::move(error)) {} // NOLINT(google-explicit-constructor)

    bool ok() const { return std::holds_alternative<T>(m_data); }
    explicit operator bool() const { return ok(); }

    T& value() & { return std::get<T>(m_data); }
    const T& value() const& { return std::get<T>(m_data); }
    T&& value() && { return std::get<T>(std::move(m_data)); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }

    const std::string& error() const { return std::get<Error>(m_data).message; }
    const Error& failure() const { return std::get<Error>(m_data); }

private:
    std::variant<T, Error> m_data;
};

// For operations that return nothing but can fail.
class [[nodiscard]] Status {
public:
    Status() = default;
    Status(Error error) : m_error(std::move(error)) {} // NOLINT(google-explicit-constructor)
    static Status success() { return {}; }

    bool ok() const { return !m_error.has_value(); }
    explicit operator bool() const { return ok(); }
    const std::string& error() const { return m_error->message; }
    const Error& failure() const { return *m_error; }

private:
    std::optional<Error> m_error;
};

} // namespace payops
