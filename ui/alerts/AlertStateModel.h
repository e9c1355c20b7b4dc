#pragma once

#include "model/Alert.h"

#include <QAbstractTableModel>
#include <QList>

namespace osc::ui {

// One rule's states, one row per group (§9.3), in the engine's §9.2 order: alerting, error, no_data,
// ok. Also what the rule editor shows as the rule's current value.
class AlertStateModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        GroupColumn,
        StateColumn,
        ValueColumn,
        MessageColumn,
        UpdatedColumn,
        ColumnCount
    };
    enum Role
    {
        StatusRole = Qt::UserRole + 1, // int(AlertStatus)
        GroupValueRole,
    };

    explicit AlertStateModel(QObject *parent = nullptr);

    void setStates(QList<osc::AlertState> states);
    void clear();
    const osc::AlertState &stateAt(int row) const { return m_states.at(row); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<osc::AlertState> m_states;
};

} // namespace osc::ui
