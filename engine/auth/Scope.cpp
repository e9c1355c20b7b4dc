#include "Scope.h"

namespace osc {

QString actionName(Action action)
{
    switch (action) {
    case Action::UsageWrite:
        return QStringLiteral("usage:write");
    case Action::UsageRead:
        return QStringLiteral("usage:read");
    case Action::MetersRead:
        return QStringLiteral("meters:read");
    case Action::MetersWrite:
        return QStringLiteral("meters:write");
    case Action::AlertsRead:
        return QStringLiteral("alerts:read");
    case Action::AlertsWrite:
        return QStringLiteral("alerts:write");
    case Action::ExportsRead:
        return QStringLiteral("exports:read");
    case Action::ExportsWrite:
        return QStringLiteral("exports:write");
    case Action::ExportsUsage:
        return QStringLiteral("exports:usage");
    case Action::PlansRead:
        return QStringLiteral("plans:read");
    case Action::PlansWrite:
        return QStringLiteral("plans:write");
    case Action::SystemRead:
        return QStringLiteral("system:read");
    }
    return {};
}

namespace scopes {

const QStringList &all()
{
    static const QStringList list = {
        QStringLiteral("usage:write"),
        QStringLiteral("usage:read"),
        QStringLiteral("meters:read"),
        QStringLiteral("meters:write"),
        QStringLiteral("alerts:read"),
        QStringLiteral("alerts:write"),
        QStringLiteral("exports:read"),
        QStringLiteral("exports:write"),
        QStringLiteral("exports:usage"),
        QStringLiteral("plans:read"),
        QStringLiteral("plans:write"),
        QStringLiteral("system:read"),
        QStringLiteral("usage:*"),
        QStringLiteral("meters:*"),
        QStringLiteral("alerts:*"),
        QStringLiteral("exports:*"),
        QStringLiteral("plans:*"),
        QStringLiteral("system:*"),
        QStringLiteral("*"),
    };
    return list;
}

const QStringList &defaults()
{
    static const QStringList list = {QStringLiteral("usage:write"), QStringLiteral("usage:read"),
        QStringLiteral("meters:read"), QStringLiteral("meters:write"), QStringLiteral("plans:read")};
    return list;
}

Result<QStringList> normalize(const QStringList &requested)
{
    if (requested.isEmpty())
        return defaults();
    QStringList out;
    for (const QString &raw : requested) {
        const QString trimmed = raw.trimmed();
        if (trimmed.isEmpty())
            continue;
        const QString scope = trimmed.toLower();
        if (!all().contains(scope))
            return Error::invalidInputLine(QStringLiteral("unsupported api key scope \"%1\"").arg(trimmed));
        if (!out.contains(scope))
            out.append(scope);
    }
    if (out.isEmpty())
        return Error::invalidInputLine(QStringLiteral("at least one api key scope is required"));
    return out;
}

bool grants(const QStringList &scopes, Action action)
{
    const QString name = actionName(action);
    const QString areaWildcard = name.section(QLatin1Char(':'), 0, 0) + QStringLiteral(":*");
    for (const QString &scope : scopes)
        if (scope == name || scope == QLatin1StringView("*") || scope == areaWildcard)
            return true;
    return false;
}

} // namespace scopes
} // namespace osc
