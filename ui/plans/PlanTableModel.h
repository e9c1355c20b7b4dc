#pragma once

#include "model/Plan.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QList>

namespace osc::ui {

// The current version of every plan of the workspace: name, version, how many limits, and how many
// subjects are assigned to it now (active or scheduled). Fed whole results by the page.
class PlanTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        NameColumn,
        VersionColumn,
        LimitsColumn,
        SubjectsColumn,
        ColumnCount
    };
    enum Role
    {
        PlanIdRole = Qt::UserRole + 1,
        SortRole,
    };

    explicit PlanTableModel(QObject *parent = nullptr);

    // `subjects`: open assignments per plan id (ids missing count as 0).
    void setPlans(const QList<osc::Plan> &plans, const QHash<QString, int> &subjects);
    void clear();
    const osc::Plan &planAt(int row) const { return m_plans.at(row); }
    int subjectsAt(int row) const { return m_subjects.value(m_plans.at(row).id); }
    int rowOfPlan(const QString &id) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<osc::Plan> m_plans;
    QHash<QString, int> m_subjects;
};

} // namespace osc::ui
