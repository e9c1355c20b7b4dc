#pragma once

#include <QStringList>

#include <optional>

namespace osc {

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

    bool usableAt(qint64 nowNs) const { return !revokedAtNs && (!expiresAtNs || nowNs < *expiresAtNs); }
};

struct ApiKeyDraft
{
    QString name;
    QStringList scopes;
    QStringList allowedMeters;
    std::optional<qint64> expiresAtNs;
};

// A key freshly created: `secret` is shown once and then forgotten.
struct CreatedApiKey
{
    ApiKey key;
    QString secret;
};

} // namespace osc
