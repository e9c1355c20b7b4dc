#pragma once

#include "query/UsageQuery.h"

#include <QList>
#include <QPointF>
#include <QString>

namespace osc::ui {

// One line of the usage chart: x = bucket start in ms since the epoch, y = quantity.
struct UsageSeriesData
{
    QString name;
    QList<QPointF> points;
    double total = 0.0;
    bool isOther = false;
};

inline constexpr int kMaxChartSeries = 8;

// The label of a row's group ("eu-west / pro"); "All" when ungrouped.
QString usageGroupLabel(const query::BucketResult &result, const query::UsageBucket &row);

// Splits bucket rows into chart lines: the `maxSeries` groups with the largest totals, plus one "Other"
// line summing the rest so the chart stays readable with many groups. Missing buckets of a group are
// zero (grouped queries cannot fill empty buckets), so lines never jump across gaps.
QList<UsageSeriesData> buildUsageSeries(const query::BucketResult &result, int maxSeries = kMaxChartSeries);

} // namespace osc::ui
