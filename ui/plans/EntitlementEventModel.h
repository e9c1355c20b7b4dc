#pragma once

#include "model/Plan.h"

#include <QAbstractTableModel>
#include <QList>

namespace osc::ui {

// The entitlement event feed (§10.7): a subject crossing into warning or exceeded on a limit, or
// recovering; newest first whatever order it was fed in. Fed whole results by the page.
class EntitlementEventModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        TimeColumn,
        TypeColumn,
        SubjectColumn,
        MeterColumn,
        UsageColumn,
        PlanColumn,
        ColumnCount
    };
    enum Role
    {
        TypeRole = Qt::UserRole + 1, // the wire word: warning | exceeded | recovered
        SubjectRole,
    };

    explicit EntitlementEventModel(QObject *parent = nullptr);

    void setEvents(QList<osc::EntitlementEvent> events);
    void clear();
    const osc::EntitlementEvent &eventAt(int row) const { return m_events.at(row); }

    static QString typeText(const QString &type);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<osc::EntitlementEvent> m_events;
};

} // namespace osc::ui
