#include "ui/events/SubjectListModel.h"

#include "ui/common/DisplayFormat.h"

#include <QLocale>

namespace osc::ui {

SubjectListModel::SubjectListModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

void SubjectListModel::setSubjects(const QList<SubjectSummary> &subjects)
{
    beginResetModel();
    m_subjects = subjects;
    endResetModel();
}

int SubjectListModel::rowOfSubject(const QString &subject) const
{
    for (int row = 0; row < m_subjects.size(); ++row)
        if (m_subjects.at(row).subject == subject)
            return row;
    return -1;
}

int SubjectListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_subjects.size());
}

int SubjectListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant SubjectListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const SubjectSummary &summary = m_subjects.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case SubjectColumn:
            return summary.subject;
        case EventsColumn:
            return QLocale().toString(summary.usageEvents);
        case MetersColumn:
            return QLocale().toString(summary.meters);
        case LastEventColumn:
            return formatLocalDateTime(summary.lastEventAtNs);
        default:
            return {};
        }
    case Qt::ToolTipRole:
        if (index.column() == LastEventColumn)
            return formatUtcTooltip(summary.lastEventAtNs);
        if (index.column() == SubjectColumn)
            return tr("Double-click to show this subject's events");
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == EventsColumn || index.column() == MetersColumn)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return int(Qt::AlignLeft | Qt::AlignVCenter);
    case SubjectRole:
        return summary.subject;
    default:
        return {};
    }
}

QVariant SubjectListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case SubjectColumn:
        return tr("Subject");
    case EventsColumn:
        return tr("Events");
    case MetersColumn:
        return tr("Meters");
    case LastEventColumn:
        return tr("Last event");
    default:
        return {};
    }
}

} // namespace osc::ui
