#pragma once

#include <QStringList>

namespace osc {

// Who is calling. The console itself (GUI and CLI) acts as the workspace owner, like upstream's
// dashboard sessions, which are allowed everything in their workspace.
struct Principal
{
    enum class Kind
    {
        ApiKey,
        Owner
    };

    Kind kind = Kind::Owner;
    QString workspaceId;
    QString apiKeyId; // set for Kind::ApiKey
    QStringList scopes;
    QStringList allowedMeters;

    static Principal owner(const QString &workspaceId) { return {Kind::Owner, workspaceId, {}, {}, {}}; }
};

} // namespace osc
