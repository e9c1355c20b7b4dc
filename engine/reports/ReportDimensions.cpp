#include "ReportDimensions.h"

#include "filter/MetadataPath.h"
#include "store/AccountStore.h"

namespace osc::reports {

namespace {

QString settingKey(const QString &workspaceId, ReportDimensions::Entity entity)
{
    return QStringLiteral("usage_export.%1.%2_dimension")
        .arg(workspaceId, ReportDimensions::entityName(entity));
}

} // namespace

ReportDimensions::ReportDimensions(AccountStore &settings)
    : m_settings(settings)
{ }

QString ReportDimensions::defaultDimension(Entity entity)
{
    return entityName(entity);
}

QString ReportDimensions::entityName(Entity entity)
{
    switch (entity) {
    case Entity::Model:
        return QStringLiteral("model");
    case Entity::Project:
        return QStringLiteral("project");
    case Entity::Agent:
        return QStringLiteral("agent");
    case Entity::Source:
        return QStringLiteral("source");
    }
    return {};
}

std::optional<ReportDimensions::Entity> ReportDimensions::entityFromName(QStringView name)
{
    for (const Entity entity : {Entity::Model, Entity::Project, Entity::Agent, Entity::Source})
        if (name == entityName(entity))
            return entity;
    return std::nullopt;
}

Result<QString> ReportDimensions::dimension(const QString &workspaceId, Entity entity) const
{
    auto stored = m_settings.accountSetting(settingKey(workspaceId, entity));
    if (!stored)
        return stored.error();
    if (!stored->has_value() || (*stored)->isEmpty())
        return defaultDimension(entity);
    return **stored;
}

Status ReportDimensions::setDimension(const QString &workspaceId, Entity entity, const QString &dimension)
{
    const QString name = dimension.trimmed();
    if (!name.isEmpty() && !query::isValidMetadataKey(name))
        return Error::invalidInput(QStringLiteral("\"%1\" is not a dimension name").arg(dimension));
    return m_settings.setAccountSetting(settingKey(workspaceId, entity), name);
}

} // namespace osc::reports
