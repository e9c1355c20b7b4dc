#include "ui/plans/PlanTableModel.h"

namespace osc::ui {

PlanTableModel::PlanTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

void PlanTableModel::setPlans(const QList<Plan> &plans, const QHash<QString, int> &subjects)
{
    beginResetModel();
    m_plans = plans;
    m_subjects = subjects;
    endResetModel();
}

void PlanTableModel::clear()
{
    setPlans({}, {});
}

int PlanTableModel::rowOfPlan(const QString &id) const
{
    for (int row = 0; row < m_plans.size(); ++row)
        if (m_plans[row].id == id)
            return row;
    return -1;
}

int PlanTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_plans.size());
}

int PlanTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant PlanTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Plan &plan = m_plans.at(index.row());
    const int subjects = m_subjects.value(plan.id);
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case NameColumn:
            return plan.name;
        case VersionColumn:
            return tr("v%1").arg(plan.version);
        case LimitsColumn:
            return QString::number(plan.limits.size());
        case SubjectsColumn:
            return QString::number(subjects);
        }
        break;
    case SortRole:
        switch (index.column()) {
        case NameColumn:
            return plan.name.toLower();
        case VersionColumn:
            return plan.version;
        case LimitsColumn:
            return int(plan.limits.size());
        case SubjectsColumn:
            return subjects;
        }
        break;
    case Qt::ToolTipRole:
        if (index.column() == NameColumn)
            return plan.description.isEmpty() ? plan.name : plan.name + QLatin1Char('\n') + plan.description;
        break;
    case Qt::TextAlignmentRole:
        if (index.column() != NameColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        break;
    case PlanIdRole:
        return plan.id;
    }
    return {};
}

QVariant PlanTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case NameColumn:
        return tr("Plan");
    case VersionColumn:
        return tr("Version");
    case LimitsColumn:
        return tr("Limits");
    case SubjectsColumn:
        return tr("Subjects");
    }
    return {};
}

} // namespace osc::ui
