#include "ui/usage/UsageSeries.h"

#include <QCoreApplication>
#include <QHash>
#include <QMap>

#include <algorithm>

namespace osc::ui {

QString usageGroupLabel(const query::BucketResult &result, const query::UsageBucket &row)
{
    if (result.groupBy.isEmpty())
        return QCoreApplication::translate("osc::ui::UsageSeries", "All");
    QStringList parts;
    for (qsizetype i = 0; i < row.groupValues.size(); ++i) {
        const QString &value = row.groupValues.at(i);
        // An API key shows as its name (the next column), else its id; keys are ids in the engine.
        if (result.groupBy.value(i) == QLatin1StringView("api_key")
            && result.groupBy.value(i + 1) == QLatin1StringView("api_key_name")) {
            const QString name = row.groupValues.value(i + 1);
            parts.append(!name.isEmpty() ? name
                    : value.isEmpty()    ? QCoreApplication::translate("osc::ui::UsageSeries", "(no key)")
                                         : value);
            ++i;
            continue;
        }
        parts.append(value.isEmpty() ? QCoreApplication::translate("osc::ui::UsageSeries", "(none)") : value);
    }
    return parts.join(QStringLiteral(" / "));
}

QList<UsageSeriesData> buildUsageSeries(const query::BucketResult &result, int maxSeries)
{
    QList<TimeNs> starts;
    QHash<QString, QMap<TimeNs, double>> byGroup;
    QHash<QString, double> totals;
    for (const query::UsageBucket &row : result.rows) {
        const QString group = usageGroupLabel(result, row);
        byGroup[group][row.bucketStartNs] += row.quantity;
        totals[group] += row.quantity;
        starts.append(row.bucketStartNs);
    }
    std::sort(starts.begin(), starts.end());
    starts.erase(std::unique(starts.begin(), starts.end()), starts.end());

    QStringList groups = byGroup.keys();
    std::sort(groups.begin(), groups.end(), [&](const QString &a, const QString &b) {
        return totals.value(a) != totals.value(b) ? totals.value(a) > totals.value(b) : a < b;
    });

    auto toPoints = [&starts](const QMap<TimeNs, double> &values) {
        QList<QPointF> points;
        points.reserve(starts.size());
        for (const TimeNs start : starts)
            points.append(QPointF(double(start.floorMillis()), values.value(start, 0.0)));
        return points;
    };

    QList<UsageSeriesData> series;
    QMap<TimeNs, double> other;
    double otherTotal = 0.0;
    for (qsizetype i = 0; i < groups.size(); ++i) {
        const QString &group = groups.at(i);
        if (i < maxSeries) {
            series.append({group, toPoints(byGroup.value(group)), totals.value(group), false});
            continue;
        }
        for (auto it = byGroup.value(group).cbegin(); it != byGroup.value(group).cend(); ++it)
            other[it.key()] += it.value();
        otherTotal += totals.value(group);
    }
    if (groups.size() > maxSeries)
        series.append({QCoreApplication::translate("osc::ui::UsageSeries", "Other"), toPoints(other),
            otherTotal, true});
    return series;
}

} // namespace osc::ui
