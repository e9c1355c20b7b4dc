#pragma once

#include <QStringList>

#include <optional>

namespace osc {

// A key's request budget as a token bucket (issue 21): `burst` requests at once, refilled at
// `perMinute` per minute. perMinute 0 = unlimited, the default, so existing clients see no change;
// burst 0 = perMinute.
struct RateLimit
{
    int perMinute = 0;
    int burst = 0;

    bool enabled() const { return perMinute > 0; }
    int capacity() const { return burst > 0 ? burst : perMinute; }
    bool operator==(const RateLimit &) const = default;
};

// Upper bounds of what a key may be given (a typo of 10^9 would just mean unlimited).
inline constexpr int kMaxRateLimitPerMinute = 1'000'000;
inline constexpr int kMaxRateLimitBurst = 1'000'000;

// An API key as stored: the secret itself is never kept, only its SHA-256 (contract §2.2).
struct ApiKey
{
    QString id;
    QString workspaceId;
    QString name;
    QString prefix; // first 18 characters of the key, for display and lookup by humans
    QStringList scopes;
    QStringList allowedMeters; // empty = every meter
    std::optional<qint64> expiresAtNs;
    std::optional<qint64> revokedAtNs;
    qint64 createdAtNs = 0;
    std::optional<qint64> lastUsedAtNs;
    QString userId; // the dashboard user who made it over a session; empty for console and CLI keys
    RateLimit rateLimit;

    bool usableAt(qint64 nowNs) const { return !revokedAtNs && (!expiresAtNs || nowNs < *expiresAtNs); }
};

struct ApiKeyDraft
{
    QString name;
    QStringList scopes;
    QStringList allowedMeters;
    std::optional<qint64> expiresAtNs;
    RateLimit rateLimit;
};

// A key freshly created: `secret` is shown once and then forgotten.
struct CreatedApiKey
{
    ApiKey key;
    QString secret;
};

} // namespace osc
