#pragma once

#include "model/ApiKey.h"

#include <QAbstractTableModel>

namespace osc::ui {

// The workspace's API keys, one row per key. Status (active, revoked, expired) is judged at the `nowNs`
// the keys were loaded with, so a reload is what moves a key to Expired.
class ApiKeyTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        NameColumn,
        PrefixColumn,
        ScopesColumn,
        AllowedMetersColumn,
        CreatedColumn,
        LastUsedColumn,
        ExpiresColumn,
        StatusColumn,
        ColumnCount
    };
    enum Role
    {
        SortRole = Qt::UserRole + 1, // raw value for sorting (times as nanoseconds)
        KeyIdRole,
        StatusRole, // KeyStatus as int
    };
    enum class KeyStatus
    {
        Active,
        Revoked,
        Expired
    };

    explicit ApiKeyTableModel(QObject *parent = nullptr);

    void setKeys(const QList<osc::ApiKey> &keys, qint64 nowNs);
    const osc::ApiKey &keyAt(int row) const { return m_keys.at(row); }
    // Row of the key with this id, or -1.
    int rowOfKey(const QString &id) const;
    KeyStatus statusAt(int row) const;
    static QString statusText(KeyStatus status);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QVariant displayData(int row, int column) const;
    QVariant sortData(int row, int column) const;
    QString toolTip(int row, int column) const;

    QList<osc::ApiKey> m_keys;
    qint64 m_nowNs = 0;
};

} // namespace osc::ui
