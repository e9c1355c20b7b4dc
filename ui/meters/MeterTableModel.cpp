#include "ui/meters/MeterTableModel.h"

#include "ui/common/DisplayFormat.h"

#include <QLocale>

#include <limits>

namespace osc::ui {

MeterTableModel::MeterTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

void MeterTableModel::setMeters(const QList<Meter> &meters, const QList<MeterUsageStats> &stats)
{
    beginResetModel();
    m_meters = meters;
    m_stats.clear();
    for (const MeterUsageStats &entry : stats)
        m_stats.insert(entry.meter, entry);
    endResetModel();
}

MeterUsageStats MeterTableModel::statsFor(const QString &meterName) const
{
    if (auto it = m_stats.constFind(meterName); it != m_stats.cend())
        return *it;
    MeterUsageStats none;
    none.meter = meterName;
    return none;
}

int MeterTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_meters.size());
}

int MeterTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant MeterTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Meter &meter = m_meters.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return displayData(meter, index.column());
    case Qt::ToolTipRole:
        return toolTip(meter, index.column());
    case Qt::TextAlignmentRole:
        if (index.column() == RetentionColumn || index.column() == EventsColumn)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return int(Qt::AlignLeft | Qt::AlignVCenter);
    case SortRole:
        return sortData(meter, index.column());
    case MeterIdRole:
        return meter.id;
    default:
        return {};
    }
}

QVariant MeterTableModel::displayData(const Meter &meter, int column) const
{
    switch (column) {
    case NameColumn:
        return meter.name;
    case UnitColumn:
        return meter.unit;
    case AggregationColumn:
        return aggregationName(meter.aggregation);
    case DimensionsColumn: {
        if (meter.dimensions.isEmpty())
            return noValueText();
        QStringList names;
        for (const Dimension &dimension : meter.dimensions)
            names.append(dimension.name);
        return names.join(QLatin1String(", "));
    }
    case RetentionColumn:
        return QLocale().toString(meter.eventRetentionDays);
    case EventsColumn:
        return QLocale().toString(statsFor(meter.name).usageEvents);
    case LastEventColumn:
        return formatLocalDateTime(statsFor(meter.name).lastEventAtNs, noValueText());
    default:
        return {};
    }
}

QVariant MeterTableModel::sortData(const Meter &meter, int column) const
{
    switch (column) {
    case RetentionColumn:
        return meter.eventRetentionDays;
    case EventsColumn:
        return statsFor(meter.name).usageEvents;
    case LastEventColumn:
        // Never-used meters sort before any event time (which may precede 1970).
        return statsFor(meter.name).lastEventAtNs ? statsFor(meter.name).lastEventAtNs->floorMillis()
                                                  : std::numeric_limits<qint64>::min();
    default:
        return displayData(meter, column).toString().toLower();
    }
}

QString MeterTableModel::toolTip(const Meter &meter, int column) const
{
    switch (column) {
    case NameColumn:
        return meter.description.isEmpty() ? meter.name : meter.name + QLatin1Char('\n') + meter.description;
    case DimensionsColumn: {
        QStringList lines;
        for (const Dimension &dimension : meter.dimensions) {
            QString line = tr("%1 (%2, %3)")
                               .arg(dimension.name, dimensionTypeName(dimension.type),
                                   dimension.required ? tr("required") : tr("optional"));
            if (dimension.deprecated)
                line += QLatin1Char(' ') + tr("deprecated");
            lines.append(line);
        }
        return lines.join(QLatin1Char('\n'));
    }
    case LastEventColumn:
        return formatUtcTooltip(statsFor(meter.name).lastEventAtNs);
    default:
        return {};
    }
}

QVariant MeterTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case NameColumn:
        return tr("Name");
    case UnitColumn:
        return tr("Unit");
    case AggregationColumn:
        return tr("Aggregation");
    case DimensionsColumn:
        return tr("Dimensions");
    case RetentionColumn:
        return tr("Retention (days)");
    case EventsColumn:
        return tr("Events");
    case LastEventColumn:
        return tr("Last event");
    default:
        return {};
    }
}

} // namespace osc::ui
