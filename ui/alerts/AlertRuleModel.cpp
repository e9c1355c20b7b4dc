#include "ui/alerts/AlertRuleModel.h"

#include "alerts/AlertEvaluator.h"
#include "ui/alerts/AlertText.h"
#include "ui/plans/QuotaText.h"

#include <QBrush>

namespace osc::ui {

AlertRuleModel::AlertRuleModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

void AlertRuleModel::setRules(QList<AlertRuleView> rules)
{
    beginResetModel();
    m_rules = std::move(rules);
    endResetModel();
}

void AlertRuleModel::clear()
{
    setRules({});
}

int AlertRuleModel::rowOfRule(const QString &id) const
{
    for (int row = 0; row < m_rules.size(); ++row)
        if (m_rules.at(row).rule.id == id)
            return row;
    return -1;
}

int AlertRuleModel::alertingCount() const
{
    int count = 0;
    for (const AlertRuleView &view : m_rules)
        if (alerts::AlertEvaluator::primary(view.states).status == AlertStatus::Alerting)
            ++count;
    return count;
}

int AlertRuleModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rules.size());
}

int AlertRuleModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant AlertRuleModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const AlertRuleView &view = m_rules.at(index.row());
    const AlertRule &rule = view.rule;
    // Before the first evaluation a rule has no state: shown as not evaluated, not as OK.
    const bool evaluated = !view.states.isEmpty();
    const AlertState state = alerts::AlertEvaluator::primary(view.states);
    const bool grouped = view.states.size() > 1;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case NameColumn:
            return rule.enabled ? rule.name : tr("%1 (disabled)").arg(rule.name);
        case StateColumn:
            if (!evaluated)
                return tr("Not evaluated");
            if (grouped)
                return tr("%1 · %2 groups").arg(AlertText::statusText(state.status)).arg(view.states.size());
            return AlertText::statusText(state.status);
        case ValueColumn:
            if (!evaluated || state.status == AlertStatus::NoData || state.status == AlertStatus::Error)
                return QString();
            return formatQuantity(state.value);
        case MeterColumn:
            return rule.meter;
        case ConditionColumn:
            return AlertText::conditionText(rule);
        case GroupByColumn:
            return rule.groupBy;
        case DestinationColumn:
            return view.destination ? view.destination->name : QString();
        }
        break;
    case Qt::ToolTipRole:
        if (index.column() == StateColumn || index.column() == ValueColumn)
            return evaluated ? QVariant(state.message) : QVariant();
        if (index.column() == DestinationColumn && view.destination)
            return view.destination->webhookUrl;
        break;
    case Qt::ForegroundRole:
        if (index.column() == StateColumn && evaluated)
            return QBrush(AlertText::statusColor(state.status));
        break;
    case Qt::TextAlignmentRole:
        if (index.column() == ValueColumn)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        break;
    case RuleIdRole:
        return rule.id;
    case StatusRole:
        return int(state.status);
    case SortRole:
        switch (index.column()) {
        case StateColumn:
            return evaluated ? alertStatusRank(state.status) : 99;
        case ValueColumn:
            return state.value;
        default:
            return data(index, Qt::DisplayRole).toString().toLower();
        }
    }
    return {};
}

QVariant AlertRuleModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case NameColumn:
        return tr("Rule");
    case StateColumn:
        return tr("State");
    case ValueColumn:
        return tr("Value");
    case MeterColumn:
        return tr("Meter");
    case ConditionColumn:
        return tr("Condition");
    case GroupByColumn:
        return tr("Per");
    case DestinationColumn:
        return tr("Destination");
    }
    return {};
}

} // namespace osc::ui
