#pragma once

#include "alerts/AlertService.h"

#include <QAbstractTableModel>
#include <QList>

namespace osc::ui {

// The workspace's alert rules (§9.2) with their primary state: what the rules table shows. Fed whole
// results (rule views, in the engine's newest-first order) by the page.
class AlertRuleModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        NameColumn,
        StateColumn,
        ValueColumn,
        MeterColumn,
        ConditionColumn,
        GroupByColumn,
        DestinationColumn,
        ColumnCount
    };
    enum Role
    {
        RuleIdRole = Qt::UserRole + 1,
        StatusRole, // int(AlertStatus) of the primary state
        SortRole,
    };

    explicit AlertRuleModel(QObject *parent = nullptr);

    void setRules(QList<osc::AlertRuleView> rules);
    void clear();
    const osc::AlertRuleView &ruleAt(int row) const { return m_rules.at(row); }
    int rowOfRule(const QString &id) const;
    // Rules whose primary state is alerting.
    int alertingCount() const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<osc::AlertRuleView> m_rules;
};

} // namespace osc::ui
