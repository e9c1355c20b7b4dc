#pragma once

#include "model/Plan.h"

#include <QAbstractTableModel>
#include <QList>

namespace osc::ui {

// Subject assignments of the workspace, with their status computed at the time of the load (active,
// scheduled, ended; the engine's rule). Fed whole results by the page.
class AssignmentTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        SubjectColumn,
        PlanColumn,
        StatusColumn,
        FromColumn,
        UntilColumn,
        ColumnCount
    };
    enum Role
    {
        SubjectRole = Qt::UserRole + 1,
        PlanIdRole,
        StatusRole, // int(osc::AssignmentStatus)
        SortRole,
    };

    explicit AssignmentTableModel(QObject *parent = nullptr);

    void setAssignments(const QList<osc::PlanAssignment> &assignments, qint64 nowNs);
    void clear();
    const osc::PlanAssignment &assignmentAt(int row) const { return m_rows.at(row); }
    osc::AssignmentStatus statusAt(int row) const { return m_status.at(row); }
    // The first row of `subject` (rows come newest first), or -1.
    int rowOfSubject(const QString &subject) const;

    static QString statusText(osc::AssignmentStatus status);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<osc::PlanAssignment> m_rows;
    QList<osc::AssignmentStatus> m_status;
};

} // namespace osc::ui
