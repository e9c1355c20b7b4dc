#include "MeterJson.h"

#include "core/Rfc3339.h"
#include "json/StrictJson.h"

namespace osc::wire {

namespace {

std::optional<QList<DimensionDraft>> dimensionDraftsFrom(json::ObjectReader &reader)
{
    const auto array = reader.array(QLatin1StringView("dimensions"));
    if (!array)
        return std::nullopt;
    QList<DimensionDraft> drafts;
    for (const QJsonValue &element : *array) {
        if (element.isNull()) {
            drafts.append(DimensionDraft{});
            continue;
        }
        if (!element.isObject()) {
            // Mark the outer reader as failed through a type mismatch of the same key.
            reader.object(QLatin1StringView("dimensions"));
            return std::nullopt;
        }
        json::ObjectReader dimension(element.toObject());
        DimensionDraft draft;
        draft.name = dimension.string(QLatin1StringView("name")).value_or(QString());
        draft.displayName = dimension.string(QLatin1StringView("display_name"));
        draft.description = dimension.string(QLatin1StringView("description"));
        draft.type = dimension.string(QLatin1StringView("type")).value_or(QString());
        draft.required = dimension.boolean(QLatin1StringView("required"));
        draft.deprecated = dimension.boolean(QLatin1StringView("deprecated"));
        if (dimension.failed()) {
            reader.object(QLatin1StringView("dimensions"));
            return std::nullopt;
        }
        drafts.append(draft);
    }
    return drafts;
}

} // namespace

QJsonArray dimensionsToJson(const QList<Dimension> &dimensions)
{
    QJsonArray array;
    for (const Dimension &d : dimensions) {
        array.append(QJsonObject{
            {QStringLiteral("name"), d.name},
            {QStringLiteral("display_name"), d.displayName},
            {QStringLiteral("description"), d.description},
            {QStringLiteral("type"), dimensionTypeName(d.type)},
            {QStringLiteral("required"), d.required},
            {QStringLiteral("deprecated"), d.deprecated},
        });
    }
    return array;
}

QJsonObject meterToJson(const Meter &meter)
{
    return QJsonObject{
        {QStringLiteral("id"), meter.id},
        {QStringLiteral("name"), meter.name},
        {QStringLiteral("description"), meter.description},
        {QStringLiteral("unit"), meter.unit},
        {QStringLiteral("aggregation"), aggregationName(meter.aggregation)},
        {QStringLiteral("dimensions"), dimensionsToJson(meter.dimensions)},
        {QStringLiteral("event_retention_days"), meter.eventRetentionDays},
        {QStringLiteral("created_at"), rfc3339::formatSeconds(meter.createdAtNs)},
    };
}

QJsonObject meterStatsToJson(const MeterUsageStats &stats)
{
    QJsonObject object{
        {QStringLiteral("meter"), stats.meter},
        {QStringLiteral("usage_events"), stats.usageEvents},
        {QStringLiteral("retention_days"), stats.retentionDays},
    };
    if (stats.lastEventAtNs)
        object.insert(QStringLiteral("last_event_at"), rfc3339::formatSeconds(*stats.lastEventAtNs));
    return object;
}

Result<MeterDraft> meterDraftFromJson(const QJsonObject &object)
{
    json::ObjectReader reader(object);
    MeterDraft draft;
    draft.name = reader.string(QLatin1StringView("name")).value_or(QString());
    draft.description = reader.string(QLatin1StringView("description")).value_or(QString());
    draft.unit = reader.string(QLatin1StringView("unit")).value_or(QString());
    draft.aggregation = reader.string(QLatin1StringView("aggregation")).value_or(QString());
    draft.dimensions = dimensionDraftsFrom(reader).value_or(QList<DimensionDraft>());
    draft.eventRetentionDays = reader.integer(QLatin1StringView("event_retention_days")).value_or(0);
    if (auto s = reader.status(); !s)
        return s.error();
    return draft;
}

Result<MeterPatch> meterPatchFromJson(const QJsonObject &object)
{
    json::ObjectReader reader(object);
    MeterPatch patch;
    patch.description = reader.string(QLatin1StringView("description"));
    patch.unit = reader.string(QLatin1StringView("unit"));
    patch.aggregation = reader.string(QLatin1StringView("aggregation"));
    if (reader.has(QLatin1StringView("dimensions")))
        patch.dimensions = dimensionDraftsFrom(reader);
    patch.eventRetentionDays = reader.integer(QLatin1StringView("event_retention_days"));
    if (auto s = reader.status(); !s)
        return s.error();
    return patch;
}

} // namespace osc::wire
