#include "ApiKeyUsage.h"

#include "store/ApiKeyStore.h"
#include "store/UsageScans.h"

namespace osc::query {

bool isApiKeyField(const Meter &meter, const QString &field)
{
    return field == kApiKeyGroupField && !meter.dimension(field);
}

QStringList scanColumns(const Meter &meter, const QStringList &groupBy)
{
    QStringList out = groupBy;
    for (QString &field : out)
        if (isApiKeyField(meter, field))
            field = kApiKeyScanColumn;
    return out;
}

QStringList reportedColumns(const QStringList &groupBy, qsizetype apiKeyColumn)
{
    QStringList out = groupBy;
    if (apiKeyColumn >= 0)
        out.insert(apiKeyColumn + 1, kApiKeyNameColumn);
    return out;
}

Result<ApiKeyNames> apiKeyNames(ApiKeyStore &keys, const QString &workspaceId)
{
    auto listed = keys.listApiKeys(workspaceId);
    if (!listed)
        return listed.error();
    ApiKeyNames names;
    for (const ApiKey &key : listed.value())
        names.insert(key.id, key.name);
    return names;
}

} // namespace osc::query
