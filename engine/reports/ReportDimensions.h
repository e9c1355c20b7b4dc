#pragma once

#include "UsageReportRequest.h"

#include "core/Result.h"

#include <QString>

namespace osc {

class AccountStore;

namespace reports {

// Which meter dimension the `models`, `projects` and `agents` reports (and group_by `model` and
// `source`) read, per workspace. Defaults: `model`, `project`, `agent`, `source`. Kept in the instance
// settings under one key per workspace and report, so no schema change is needed.
class ReportDimensions
{
public:
    // The settable entities, as the peer names them.
    enum class Entity
    {
        Model,
        Project,
        Agent,
        Source,
    };

    explicit ReportDimensions(AccountStore &settings);

    static QString defaultDimension(Entity entity);
    static QString entityName(Entity entity); // "model", …
    static std::optional<Entity> entityFromName(QStringView name);

    Result<QString> dimension(const QString &workspaceId, Entity entity) const;
    // `dimension` must have the shape of a dimension name (a metadata key); empty = back to the default.
    Status setDimension(const QString &workspaceId, Entity entity, const QString &dimension);

private:
    AccountStore &m_settings;
};

} // namespace reports
} // namespace osc
