#pragma once

#include "model/Alert.h"

#include <QAbstractTableModel>
#include <QList>

namespace osc::ui {

// The delivery log of one event or test delivery: every webhook attempt, oldest first (numbered), with
// its status code or transport error.
class DeliveryAttemptModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        NumberColumn,
        AttemptedColumn,
        ResultColumn,
        StatusCodeColumn,
        DurationColumn,
        ErrorColumn,
        ColumnCount
    };
    enum Role
    {
        DeliveredRole = Qt::UserRole + 1,
    };

    explicit DeliveryAttemptModel(QObject *parent = nullptr);

    void setAttempts(QList<osc::WebhookAttempt> attempts);
    void clear();
    const osc::WebhookAttempt &attemptAt(int row) const { return m_attempts.at(row); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<osc::WebhookAttempt> m_attempts;
};

} // namespace osc::ui
