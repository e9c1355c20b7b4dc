#pragma once

#include "model/Alert.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QList>

namespace osc::ui {

// The alert event feed (§9.2 events): triggered, resolved and evaluation_failed, newest first, each with
// its latest delivery attempt. Rule names come from the page's rule list (a deleted rule's events go
// with it, so every event has one).
class AlertEventModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        TimeColumn,
        TypeColumn,
        RuleColumn,
        GroupColumn,
        ValueColumn,
        DeliveryColumn,
        ColumnCount
    };
    enum Role
    {
        EventIdRole = Qt::UserRole + 1,
        TypeRole, // int(AlertEventType)
    };

    explicit AlertEventModel(QObject *parent = nullptr);

    void setEvents(QList<osc::AlertEvent> events, QHash<QString, QString> ruleNames);
    void clear();
    const osc::AlertEvent &eventAt(int row) const { return m_events.at(row); }
    int rowOfEvent(const QString &id) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<osc::AlertEvent> m_events;
    QHash<QString, QString> m_ruleNames;
};

} // namespace osc::ui
