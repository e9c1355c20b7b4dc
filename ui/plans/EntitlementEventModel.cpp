#include "ui/plans/EntitlementEventModel.h"

#include "ui/common/DisplayFormat.h"
#include "ui/plans/QuotaText.h"

#include <QBrush>
#include <QColor>

#include <algorithm>

namespace osc::ui {

EntitlementEventModel::EntitlementEventModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

void EntitlementEventModel::setEvents(QList<EntitlementEvent> events)
{
    // Stable, so events of one instant keep the engine's (id) order.
    std::stable_sort(events.begin(), events.end(),
        [](const EntitlementEvent &a, const EntitlementEvent &b) { return a.createdAtNs > b.createdAtNs; });
    beginResetModel();
    m_events = std::move(events);
    endResetModel();
}

void EntitlementEventModel::clear()
{
    setEvents({});
}

QString EntitlementEventModel::typeText(const QString &type)
{
    if (type == QLatin1String("warning"))
        return tr("warning");
    if (type == QLatin1String("exceeded"))
        return tr("exceeded");
    if (type == QLatin1String("recovered"))
        return tr("recovered");
    return type;
}

int EntitlementEventModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_events.size());
}

int EntitlementEventModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant EntitlementEventModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const EntitlementEvent &e = m_events.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case TimeColumn:
            return formatLocalDateTime(e.createdAtNs);
        case TypeColumn:
            return typeText(e.type);
        case SubjectColumn:
            return e.subject;
        case MeterColumn:
            return tr("%1 / %2").arg(e.meter, periodText(e.period));
        case UsageColumn:
            return tr("%1 of %2").arg(formatQuantity(e.current), formatQuantity(e.limit));
        case PlanColumn:
            return e.planName;
        }
        break;
    case Qt::ToolTipRole:
        if (index.column() == TimeColumn)
            return formatUtcTooltip(e.createdAtNs);
        return e.message.isEmpty() ? QVariant() : QVariant(e.message);
    case Qt::ForegroundRole:
        if (index.column() == TypeColumn)
            return QBrush(quotaStateColor(e.state));
        break;
    case TypeRole:
        return e.type;
    case SubjectRole:
        return e.subject;
    }
    return {};
}

QVariant EntitlementEventModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case TimeColumn:
        return tr("Time");
    case TypeColumn:
        return tr("Event");
    case SubjectColumn:
        return tr("Subject");
    case MeterColumn:
        return tr("Meter / period");
    case UsageColumn:
        return tr("Used");
    case PlanColumn:
        return tr("Plan");
    }
    return {};
}

} // namespace osc::ui
