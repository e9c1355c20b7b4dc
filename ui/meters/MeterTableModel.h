#pragma once

#include "model/Meter.h"

#include <QAbstractTableModel>
#include <QHash>

namespace osc::ui {

// The meters of the workspace joined with their usage figures, one row per meter. Fed whole results
// (setMeters) by the page's loader; never calls the engine itself.
class MeterTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        NameColumn,
        UnitColumn,
        AggregationColumn,
        DimensionsColumn,
        RetentionColumn,
        EventsColumn,
        LastEventColumn,
        ColumnCount
    };
    enum Role
    {
        // Raw value for sorting: numbers as numbers, times as nanoseconds (-1 when absent).
        SortRole = Qt::UserRole + 1,
        MeterIdRole,
    };

    explicit MeterTableModel(QObject *parent = nullptr);

    void setMeters(const QList<osc::Meter> &meters, const QList<osc::MeterUsageStats> &stats);
    const osc::Meter &meterAt(int row) const { return m_meters.at(row); }
    // Usage figures of a meter by name; a meter with no row in `stats` counts as unused.
    osc::MeterUsageStats statsFor(const QString &meterName) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QVariant displayData(const osc::Meter &meter, int column) const;
    QVariant sortData(const osc::Meter &meter, int column) const;
    QString toolTip(const osc::Meter &meter, int column) const;

    QList<osc::Meter> m_meters;
    QHash<QString, osc::MeterUsageStats> m_stats; // by meter name
};

} // namespace osc::ui
