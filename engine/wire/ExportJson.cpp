#include "ExportJson.h"

#include "QueryRequests.h"
#include "core/Rfc3339.h"
#include "filter/Filter.h"
#include "format/JsonWriter.h"
#include "query/QueryPreflight.h"
#include "json/StrictJson.h"

#include <QJsonDocument>

namespace osc::wire {

namespace {

const QLatin1StringView kFrom("from");
const QLatin1StringView kTo("to");

QJsonObject storedObject(const QByteArray &storedQuery)
{
    return QJsonDocument::fromJson(storedQuery).object();
}

void appendKey(QByteArray &out, const char *key)
{
    out += ",\"";
    out += key;
    out += "\":";
}

// `query` as upstream echoes it: subject (if any), meter, from, to, bucket_size (always, "" if not given),
// group_by / limit / filter (if set); then our timezone / fill_empty (if set). Values come from the stored
// query verbatim, so a filter value of 0, false or "" survives (contract QUIRK Q4).
void appendQueryEcho(QByteArray &out, const ExportJob &job)
{
    if (job.kind == ExportKind::UsageReport) {
        // A usage report's request as stored (dataType, from/to with their zones, group_by).
        out += job.query.isEmpty() ? QByteArray("{}") : job.query;
        return;
    }
    json::ObjectReader reader(storedObject(job.query));
    const auto text = [&](QLatin1StringView key) { return reader.string(key).value_or(QString()); };
    out += '{';
    const QString subject = text(QLatin1StringView("subject"));
    if (!subject.isEmpty()) {
        out += "\"subject\":";
        appendJsonString(out, subject);
        out += ',';
    }
    out += "\"meter\":";
    appendJsonString(out, text(QLatin1StringView("meter")));
    const bool buckets = job.kind == ExportKind::UsageBuckets;
    for (const QLatin1StringView key : {kFrom, kTo}) {
        const QString value = text(key);
        if (!buckets && value.isEmpty())
            continue;
        appendKey(out, key.data());
        appendJsonString(out, value);
    }
    if (buckets) {
        appendKey(out, "bucket_size");
        appendJsonString(out, text(QLatin1StringView("bucket_size")));
        const QStringList groupBy = reader.stringList(QLatin1StringView("group_by")).value_or(QStringList());
        if (!groupBy.isEmpty()) {
            appendKey(out, "group_by");
            out += '[';
            for (qsizetype i = 0; i < groupBy.size(); ++i) {
                if (i > 0)
                    out += ',';
                appendJsonString(out, groupBy.at(i));
            }
            out += ']';
        }
    }
    if (const qint64 limit = reader.integer(QLatin1StringView("limit")).value_or(0); limit != 0) {
        appendKey(out, "limit");
        out += QByteArray::number(limit);
    }
    if (const QJsonValue filter = reader.raw(QLatin1StringView("filter"));
        !filter.isUndefined() && !filter.isNull()) {
        appendKey(out, "filter");
        appendJsonValue(out, filter);
    }
    if (buckets) {
        if (const QString zone = text(QLatin1StringView("timezone")); !zone.isEmpty()) {
            appendKey(out, "timezone");
            appendJsonString(out, zone);
        }
        if (reader.boolean(QLatin1StringView("fill_empty")).value_or(false))
            out += ",\"fill_empty\":true";
    }
    out += '}';
}

// A job's event query is checked at creation as far as it can be without a store: JSON types (the
// filter's first, as in bucket bodies), from, to, the filter's validation.
Result<EventSearch> eventSearchFromObject(const QJsonObject &object)
{
    auto search = eventSearchFromJson(object, /*withCursor=*/false);
    if (!search)
        return search.error();
    if (auto filter = query::parseFilter(search->filter);
        !filter && filter.error().code == QLatin1String("invalid_json"))
        return filter.error();
    if (auto checked = query::QueryPreflight::eventSearchRequest(search.value()); !checked)
        return checked.error();
    return search;
}

} // namespace

Result<ExportJobDraft> exportJobDraftFromJson(const QJsonObject &body)
{
    json::ObjectReader reader(body);
    ExportJobDraft draft;
    draft.kind = reader.string(QLatin1StringView("kind")).value_or(QString()).trimmed();
    draft.format = reader.string(QLatin1StringView("format")).value_or(QString()).trimmed();
    draft.csvSafe = reader.boolean(QLatin1StringView("csv_safe"));
    const QJsonValue query = reader.raw(QLatin1StringView("query"));
    if (auto s = reader.status(); !s)
        return s.error();
    if (query.isUndefined() || query.isNull())
        return Error::request(QStringLiteral("invalid_query"), QStringLiteral("query is required"));
    if (!query.isObject())
        return Error::invalidJson();
    const QJsonObject object = query.toObject();
    if (draft.kind == exportKindName(ExportKind::UsageEvents)) {
        auto search = eventSearchFromObject(object);
        if (!search)
            return search.error();
        draft.meter = search->meter.trimmed();
    } else {
        auto bucket = bucketQueryFromJson(object, LimitRule::Clamp);
        if (!bucket)
            return bucket.error();
        draft.meter = bucket->meter;
    }
    draft.query = compactJson(object);
    return draft;
}

Result<query::BucketQuery> bucketQueryFromJobQuery(const QByteArray &storedQuery)
{
    return bucketQueryFromJson(storedObject(storedQuery), LimitRule::Clamp);
}

Result<EventSearch> eventSearchFromJobQuery(const QByteArray &storedQuery)
{
    return eventSearchFromObject(storedObject(storedQuery));
}

void appendExportJobJson(QByteArray &out, const ExportJob &job)
{
    char time[32];
    const auto appendTime = [&](const char *key, qint64 ns) {
        appendKey(out, key);
        out += '"';
        out.append(time, rfc3339::formatSeconds(ns, time));
        out += '"';
    };
    out += "{\"id\":";
    appendJsonString(out, job.id);
    appendKey(out, "kind");
    appendJsonString(out, exportKindName(job.kind));
    appendKey(out, "status");
    appendJsonString(out, exportStatusName(job.status));
    appendKey(out, "format");
    appendJsonString(out, exportFormatName(job.format));
    if (job.csvFormulaGuard) { // ours, and only when on: upstream clients see upstream's shape
        appendKey(out, "csv_safe");
        out += "true";
    }
    appendKey(out, "query");
    appendQueryEcho(out, job);
    if (!job.error.isEmpty()) {
        appendKey(out, "error");
        appendJsonString(out, job.error);
    }
    if (job.artifactSize != 0) {
        appendKey(out, "artifact_size");
        out += QByteArray::number(job.artifactSize);
    }
    if (job.status == ExportStatus::Completed) {
        appendKey(out, "download_url");
        appendJsonString(out, QStringLiteral("/v1/exports/%1/download").arg(job.id));
        if (job.recordCount) {
            appendKey(out, "record_count");
            out += QByteArray::number(*job.recordCount);
        }
    }
    if (job.status == ExportStatus::Running) {
        appendKey(out, "rows_written");
        out += QByteArray::number(job.rowsWritten);
        appendKey(out, "progress");
        appendJsonNumber(out, std::clamp(job.progress, 0.0, 1.0));
    }
    appendTime("created_at", job.createdAtNs);
    appendTime("updated_at", job.updatedAtNs);
    if (job.completedAtNs)
        appendTime("completed_at", *job.completedAtNs);
    out += '}';
}

QByteArray exportJobJson(const ExportJob &job)
{
    QByteArray out;
    out.reserve(512 + job.query.size());
    appendExportJobJson(out, job);
    return out;
}

QByteArray exportJobPageJson(const Page<ExportJob> &page)
{
    QByteArray out = "{\"items\":[";
    for (qsizetype i = 0; i < page.items.size(); ++i) {
        if (i > 0)
            out += ',';
        appendExportJobJson(out, page.items.at(i));
    }
    out += ']';
    if (page.nextCursor) {
        out += ",\"next_cursor\":";
        appendJsonString(out, *page.nextCursor);
    }
    out += '}';
    return out;
}

} // namespace osc::wire
