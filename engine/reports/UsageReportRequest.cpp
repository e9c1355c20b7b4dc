#include "UsageReportRequest.h"

#include "json/StrictJson.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTimeZone>

namespace osc::reports {

namespace {

constexpr qint64 kNsPerMs = 1'000'000;
constexpr qint64 kMsPerDay = 86'400'000;

Error badRequest(const QString &message)
{
    return Error::request(QStringLiteral("BAD_REQUEST"), message);
}

struct ResolvedEnd
{
    qint64 msSinceEpoch = 0;
    QString text;
    QString date;
};

// A zone of the tz database. Qt 6.4's isTimeZoneIdAvailable() lists only zone1970.tab's names (no
// Etc/UTC, the usual system zone of containers), so any id Qt can load counts, except its own
// "UTC+01:00" offset names, which are not IANA zones.
bool isIanaZone(const QString &id)
{
    const QByteArray utf8 = id.toUtf8();
    if (id != QLatin1StringView("UTC") && id.startsWith(QLatin1StringView("UTC")))
        return false;
    return QTimeZone::isTimeZoneIdAvailable(utf8) || QTimeZone(utf8).isValid();
}

// ISO 8601 with milliseconds and the zone's offset at that instant (`Z` at offset 0).
QString formatLocal(const QDateTime &local)
{
    QString text = local.toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzz"));
    const int offset = local.offsetFromUtc();
    if (offset == 0)
        return text + QLatin1Char('Z');
    const int minutes = std::abs(offset) / 60;
    return text
        + QStringLiteral("%1%2:%3")
              .arg(offset < 0 ? QLatin1Char('-') : QLatin1Char('+'))
              .arg(minutes / 60, 2, 10, QLatin1Char('0'))
              .arg(minutes % 60, 2, 10, QLatin1Char('0'));
}

// `name` is "from" or "to". Local times around a DST change are taken as Qt 6.4 resolves them, which
// tst_usageexportapi pins: a repeated one is read as its second (standard-time) occurrence; a skipped
// one (which Qt leaves invalid) is moved forward by the gap, below.
Result<ResolvedEnd> resolveEnd(const QJsonObject &body, const QString &name, LocalDateTime &out)
{
    const QJsonValue value = body.value(name);
    if (value.isUndefined() || value.isNull())
        return badRequest(QStringLiteral("%1 is required").arg(name));
    if (!value.isObject())
        return badRequest(QStringLiteral("%1 must be an object with date and timezone").arg(name));
    const QJsonObject end = value.toObject();
    const QJsonValue date = end.value(QLatin1StringView("date"));
    const QJsonValue zone = end.value(QLatin1StringView("timezone"));
    if (!date.isString() || date.toString().isEmpty())
        return badRequest(QStringLiteral("%1.date is required").arg(name));
    if (!zone.isString() || zone.toString().isEmpty())
        return badRequest(QStringLiteral("%1.timezone is required").arg(name));

    out.date = date.toString();
    // The peer: a trailing Z would apply a zone twice, so it is dropped and the time read as local.
    if (out.date.endsWith(QLatin1Char('Z')))
        out.date.chop(1);
    out.timeZone = zone.toString();

    static const QRegularExpression shape(
        QStringLiteral("^(\\d{4})-(\\d{2})-(\\d{2})T(\\d{2}):(\\d{2}):(\\d{2})(?:\\.(\\d{1,3}))?$"));
    const QRegularExpressionMatch match = shape.match(out.date);
    const auto malformed = [&] {
        return badRequest(QStringLiteral("%1.date must be a local date and time such as "
                                         "2024-01-01T00:00:00.000, got \"%2\"")
                              .arg(name, date.toString()));
    };
    if (!match.hasMatch())
        return malformed();
    const QDate day(match.captured(1).toInt(), match.captured(2).toInt(), match.captured(3).toInt());
    QString fraction = match.captured(7);
    fraction = fraction.leftJustified(3, QLatin1Char('0'));
    const QTime time(
        match.captured(4).toInt(), match.captured(5).toInt(), match.captured(6).toInt(), fraction.toInt());
    if (!day.isValid() || !time.isValid())
        return malformed();
    if (!isIanaZone(out.timeZone))
        return badRequest(
            QStringLiteral("%1.timezone \"%2\" is not a known IANA time zone").arg(name, out.timeZone));
    const QTimeZone timeZone(out.timeZone.toUtf8());
    QDateTime local(day, time, timeZone);
    if (!local.isValid()) {
        // Skipped by a DST change (Qt 6.4 gives no date-time): read with the offset before the change,
        // i.e. moved forward by the gap (02:30 on a 02:00→03:00 night is 03:30).
        const QDateTime asUtc(day, time, QTimeZone::utc());
        local = asUtc.addSecs(-timeZone.offsetFromUtc(asUtc.addDays(-1))).toTimeZone(timeZone);
    }
    if (!local.isValid())
        return malformed();
    return ResolvedEnd{local.toMSecsSinceEpoch(), formatLocal(local), local.date().toString(Qt::ISODate)};
}

} // namespace

std::optional<ReportType> reportTypeFromName(QStringView dataType)
{
    if (dataType == u"users")
        return ReportType::Users;
    if (dataType == u"agents" || dataType == u"assistants")
        return ReportType::Agents;
    if (dataType == u"api-keys")
        return ReportType::ApiKeys;
    if (dataType == u"projects")
        return ReportType::Projects;
    if (dataType == u"models")
        return ReportType::Models;
    return std::nullopt;
}

QStringList supportedGroupBy(ReportType type)
{
    switch (type) {
    case ReportType::Users:
    case ReportType::Agents:
    case ReportType::ApiKeys:
        return {QStringLiteral("model")};
    case ReportType::Models:
        return {QStringLiteral("source")};
    case ReportType::Projects:
        return {};
    }
    return {};
}

Result<UsageReportRequest> parseUsageReportRequest(const QString &dataType, const QByteArray &body)
{
    UsageReportRequest request;
    request.dataType = dataType;
    const auto type = reportTypeFromName(dataType);
    if (!type)
        return Error{ErrorKind::NotFound, QStringLiteral("NOT_FOUND"),
            QStringLiteral("Unknown export type \"%1\"").arg(dataType)};
    request.type = *type;

    auto parsed = json::parseBody(body);
    if (!parsed || !parsed->isObject())
        return badRequest(QStringLiteral("The request body must be a JSON object"));
    const QJsonObject object = parsed->toObject();

    auto from = resolveEnd(object, QStringLiteral("from"), request.from);
    if (!from)
        return from.error();
    auto to = resolveEnd(object, QStringLiteral("to"), request.to);
    if (!to)
        return to.error();
    if (from->msSinceEpoch > to->msSinceEpoch)
        return badRequest(QStringLiteral("from must not be after to"));
    if (to->msSinceEpoch - from->msSinceEpoch >= kMaxReportRangeDays * kMsPerDay)
        return badRequest(
            QStringLiteral("The selected period must not exceed %1 days").arg(kMaxReportRangeDays));

    const QJsonValue groupBy = object.value(QLatin1StringView("group_by"));
    if (!groupBy.isUndefined() && !groupBy.isNull()) {
        if (!groupBy.isString())
            return badRequest(QStringLiteral("group_by must be a string"));
        request.groupBy = groupBy.toString();
        if (!supportedGroupBy(request.type).contains(request.groupBy))
            return badRequest(
                QStringLiteral("group_by=%1 is not supported for %2 exports").arg(request.groupBy, dataType));
    }

    request.fromNs = TimeNs(from->msSinceEpoch * kNsPerMs);
    request.toNs = TimeNs((to->msSinceEpoch + 1) * kNsPerMs);
    request.fromText = from->text;
    request.toText = to->text;
    request.fromDate = from->date;
    request.toDate = to->date;
    return request;
}

QByteArray usageReportRequestJson(const UsageReportRequest &request)
{
    QJsonObject object{{QStringLiteral("dataType"), request.dataType},
        {QStringLiteral("from"),
            QJsonObject{{QStringLiteral("date"), request.from.date},
                {QStringLiteral("timezone"), request.from.timeZone}}},
        {QStringLiteral("to"),
            QJsonObject{{QStringLiteral("date"), request.to.date},
                {QStringLiteral("timezone"), request.to.timeZone}}}};
    if (!request.groupBy.isEmpty())
        object.insert(QStringLiteral("group_by"), request.groupBy);
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

} // namespace osc::reports
