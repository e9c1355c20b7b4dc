#pragma once

#include "model/ApiKey.h"

#include <QStringList>

namespace osc {

// Who is calling. The console itself (GUI and CLI) acts as the workspace owner; a dashboard session
// (a logged-in user, contract §2.4) is likewise allowed everything, but only in the user's workspace.
struct Principal
{
    enum class Kind
    {
        ApiKey,
        Owner,
        Session
    };

    Kind kind = Kind::Owner;
    QString workspaceId;
    QString apiKeyId; // set for Kind::ApiKey
    QStringList scopes;
    QStringList allowedMeters;
    QString userId; // set for Kind::Session
    RateLimit rateLimit; // the API key's (Kind::ApiKey); unlimited otherwise

    bool isSession() const { return kind == Kind::Session; }
    static Principal owner(const QString &workspaceId)
    {
        return {Kind::Owner, workspaceId, {}, {}, {}, {}, {}};
    }
    static Principal session(const QString &workspaceId, const QString &userId)
    {
        return {Kind::Session, workspaceId, {}, {}, {}, userId, {}};
    }
};

} // namespace osc
