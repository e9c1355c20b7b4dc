#pragma once

#include "model/ApiKey.h"

#include <QAbstractTableModel>
#include <QHash>

namespace osc::ui {

// API keys, one row per key (of one workspace on the API keys page, of all of them on Users & workspaces).
// Status (active, revoked, expired) is judged at the `nowNs` the keys were loaded with, so a reload is what
// moves a key to Expired. Owner and workspace are shown by email and name when `names` knows them.
class ApiKeyTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        // Status next to the name: whether a key works stays in view however many columns follow.
        NameColumn,
        StatusColumn,
        OwnerColumn,
        WorkspaceColumn,
        PrefixColumn,
        ScopesColumn,
        AllowedMetersColumn,
        RateLimitColumn,
        CreatedColumn,
        LastUsedColumn,
        ExpiresColumn,
        ColumnCount
    };
    enum Role
    {
        SortRole = Qt::UserRole + 1, // raw value for sorting (times as nanoseconds)
        KeyIdRole,
        StatusRole, // KeyStatus as int
        WorkspaceIdRole,
    };
    enum class KeyStatus
    {
        Active,
        Revoked,
        Expired
    };

    // What the Owner and Workspace columns show for the ids a key carries.
    struct Names
    {
        QHash<QString, QString> userEmails; // by user id
        QHash<QString, QString> workspaceNames; // by workspace id
    };

    explicit ApiKeyTableModel(QObject *parent = nullptr);

    void setKeys(const QList<osc::ApiKey> &keys, qint64 nowNs, const Names &names = {});
    const osc::ApiKey &keyAt(int row) const { return m_keys.at(row); }
    // Row of the key with this id, or -1.
    int rowOfKey(const QString &id) const;
    KeyStatus statusAt(int row) const;
    static QString statusText(KeyStatus status);
    // "unlimited", or "60/min" with ", burst 100" when the burst differs from the rate.
    static QString rateLimitText(const osc::RateLimit &limit);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QVariant displayData(int row, int column) const;
    QVariant sortData(int row, int column) const;
    QString toolTip(int row, int column) const;

    QString ownerText(const osc::ApiKey &key) const;
    QString workspaceText(const osc::ApiKey &key) const;

    QList<osc::ApiKey> m_keys;
    qint64 m_nowNs = 0;
    Names m_names;
};

} // namespace osc::ui
