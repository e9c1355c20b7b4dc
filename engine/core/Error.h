#pragma once

#include <QString>

namespace osc {

// The error classes of contract §1.7. Each maps to exactly one HTTP status in the HTTP adapter.
enum class ErrorKind
{
    InvalidInput,
    Unauthorized,
    Forbidden,
    NotFound,
    Conflict,
    PayloadTooLarge,
    TooManyRequests, // a key's rate limit (429 with Retry-After)
    Unavailable,
    Internal,
};

// An error as a value: `code` is the wire code of the error envelope, `message` the human text.
// Engine code builds errors through the named constructors so the message shapes of the contract
// ("<class>: <detail>", "<class>\n<detail>", bare "<class>") are produced in one place.
struct Error
{
    ErrorKind kind = ErrorKind::Internal;
    QString code;
    QString message;

    // "invalid input: <detail>"
    static Error invalidInput(const QString &detail);
    // "invalid input\n<detail>"
    static Error invalidInputLine(const QString &detail);
    // bare "invalid input"
    static Error invalidInputBare();
    // HTTP-level request validation (invalid_json, invalid_limit, invalid_from, ...): always 400.
    static Error request(const QString &code, const QString &message);
    static Error invalidJson();
    static Error unauthorized(const QString &message = QStringLiteral("unauthorized"));
    static Error invalidCredentials();
    static Error forbidden(const QString &detail);
    // bare "not found", or "not found\n<detail>" / "not found: <detail>" when detail is given.
    static Error notFound(const QString &message = QStringLiteral("not found"));
    // "conflict: <detail>" (dimension evolution) — see conflictLine for the newline form.
    static Error conflict(const QString &detail);
    static Error conflictLine(const QString &detail);
    static Error conflictBare();
    static Error payloadTooLarge(qint64 limitBytes);
    static Error internal(const QString &logDetail = {});

    int httpStatus() const;
};

} // namespace osc
