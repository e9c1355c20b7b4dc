#include "ui/alerts/DestinationModel.h"

#include "ui/common/DisplayFormat.h"

namespace osc::ui {

DestinationModel::DestinationModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

void DestinationModel::setDestinations(QList<AlertDestination> destinations, QHash<QString, int> ruleCounts)
{
    beginResetModel();
    m_destinations = std::move(destinations);
    for (AlertDestination &destination : m_destinations)
        destination.secret.clear(); // a list never holds one, whoever fed it
    m_ruleCounts = std::move(ruleCounts);
    endResetModel();
}

void DestinationModel::clear()
{
    setDestinations({}, {});
}

int DestinationModel::rowOfDestination(const QString &id) const
{
    for (int row = 0; row < m_destinations.size(); ++row)
        if (m_destinations.at(row).id == id)
            return row;
    return -1;
}

int DestinationModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_destinations.size());
}

int DestinationModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant DestinationModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const AlertDestination &d = m_destinations.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case NameColumn:
            return d.enabled ? d.name : tr("%1 (disabled)").arg(d.name);
        case UrlColumn:
            return d.webhookUrl;
        case SigningColumn:
            return d.enabled ? tr("HMAC-SHA256") : tr("off");
        case RulesColumn:
            return m_ruleCounts.value(d.id);
        case UpdatedColumn:
            return formatLocalDateTime(d.updatedAtNs);
        }
        break;
    case Qt::ToolTipRole:
        if (index.column() == UrlColumn)
            return d.webhookUrl;
        if (index.column() == UpdatedColumn)
            return formatUtcTooltip(d.updatedAtNs);
        if (index.column() == SigningColumn)
            return tr("Signed in X-Open-Spanner-Signature over X-Open-Spanner-Timestamp and the body");
        break;
    case Qt::TextAlignmentRole:
        if (index.column() == RulesColumn)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        break;
    case DestinationIdRole:
        return d.id;
    }
    return {};
}

QVariant DestinationModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case NameColumn:
        return tr("Destination");
    case UrlColumn:
        return tr("Webhook URL");
    case SigningColumn:
        return tr("Signing");
    case RulesColumn:
        return tr("Rules");
    case UpdatedColumn:
        return tr("Updated");
    }
    return {};
}

} // namespace osc::ui
