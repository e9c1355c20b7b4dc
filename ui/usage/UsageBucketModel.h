#pragma once

#include "core/TimeNs.h"

#include <QAbstractTableModel>
#include <QList>

namespace osc::ui {

// One row of the usage table: a bucket of one group.
struct UsageBucketRow
{
    TimeNs bucketStartNs;
    QString group;
    double quantity = 0.0;
};

// The bucket rows under the usage chart, read-only. Display values are formatted for people (local
// time, grouped digits); RawValueRole gives the numbers for sorting and tests.
class UsageBucketModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        BucketStartColumn,
        GroupColumn,
        QuantityColumn,
        ColumnCount
    };
    Q_ENUM(Column)

    static constexpr int RawValueRole = Qt::UserRole + 1;

    explicit UsageBucketModel(QObject *parent = nullptr);

    void setRows(QList<UsageBucketRow> rows);
    const QList<UsageBucketRow> &rows() const { return m_rows; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<UsageBucketRow> m_rows;
};

} // namespace osc::ui
