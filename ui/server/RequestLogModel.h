#pragma once

#include "ui/server/ServerControl.h"

#include <QAbstractTableModel>

namespace osc::ui {

// The most recent requests the REST server answered, newest first, capped at `capacity` rows.
class RequestLogModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        TimeColumn,
        MethodColumn,
        PathColumn,
        StatusColumn,
        DurationColumn,
        ColumnCount
    };
    static constexpr int kDefaultCapacity = 200;

    explicit RequestLogModel(int capacity = kDefaultCapacity, QObject *parent = nullptr);

    // `entries` in the order they were served (oldest first).
    void append(const QList<ServedRequest> &entries);
    void clear();
    int capacity() const { return m_capacity; }
    // Entry shown at `row` (row 0 is the newest).
    const ServedRequest &entryAt(int row) const;

    static QString formatDuration(qint64 durationUs);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    int m_capacity;
    QList<ServedRequest> m_entries; // oldest first; row r shows m_entries[size - 1 - r]
};

} // namespace osc::ui
