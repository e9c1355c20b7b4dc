#include "BucketQueryJson.h"

#include "json/StrictJson.h"

namespace osc::wire {

Result<BucketQueryFields> decodeBucketQueryFields(const QJsonObject &object)
{
    json::ObjectReader reader(object);
    BucketQueryFields fields;
    query::BucketQuery &q = fields.query;
    q.meter = reader.string(QLatin1StringView("meter")).value_or(QString()).trimmed();
    q.subject = reader.string(QLatin1StringView("subject")).value_or(QString()).trimmed();
    fields.fromText = reader.string(QLatin1StringView("from"));
    fields.toText = reader.string(QLatin1StringView("to"));
    q.bucketSize = reader.string(QLatin1StringView("bucket_size")).value_or(QString()).trimmed();
    q.groupBy
        = query::normalizeGroupBy(reader.stringList(QLatin1StringView("group_by")).value_or(QStringList()));
    q.limit = reader.integer(QLatin1StringView("limit")).value_or(0);
    q.timeZone = reader.string(QLatin1StringView("timezone")).value_or(QString()).trimmed();
    q.fillEmpty = reader.boolean(QLatin1StringView("fill_empty")).value_or(false);
    const QJsonValue filterJson = reader.raw(QLatin1StringView("filter"));
    if (auto s = reader.status(); !s)
        return s.error();
    fields.filter = query::parseFilter(filterJson);
    if (!fields.filter && fields.filter.error().code == QLatin1String("invalid_json"))
        return fields.filter.error();
    return fields;
}

} // namespace osc::wire
