#include "ui/usage/UsageBucketModel.h"

#include "ui/common/DisplayFormat.h"

#include <QLocale>

namespace osc::ui {

UsageBucketModel::UsageBucketModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

void UsageBucketModel::setRows(QList<UsageBucketRow> rows)
{
    beginResetModel();
    m_rows = std::move(rows);
    endResetModel();
}

int UsageBucketModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int UsageBucketModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant UsageBucketModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const UsageBucketRow &row = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case BucketStartColumn:
            return formatLocalDateTime(row.bucketStartNs);
        case GroupColumn:
            return row.group;
        case QuantityColumn:
            // Up to 4 decimals: averages and rates have fractions, counts print as integers.
            return QLocale().toString(row.quantity, 'f', row.quantity == qint64(row.quantity) ? 0 : 4);
        }
        break;
    case RawValueRole:
        switch (index.column()) {
        case BucketStartColumn:
            return row.bucketStartNs.clampedInt64(); // the chart shows recent ranges, well inside qint64
        case GroupColumn:
            return row.group;
        case QuantityColumn:
            return row.quantity;
        }
        break;
    case Qt::ToolTipRole:
        if (index.column() == BucketStartColumn)
            return formatUtcTooltip(row.bucketStartNs);
        break;
    case Qt::TextAlignmentRole:
        if (index.column() == QuantityColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        break;
    default:
        break;
    }
    return {};
}

QVariant UsageBucketModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case BucketStartColumn:
        return tr("Bucket start");
    case GroupColumn:
        return tr("Group");
    case QuantityColumn:
        return tr("Quantity");
    default:
        return {};
    }
}

} // namespace osc::ui
