#pragma once

#include "model/Account.h"

#include <QAbstractTableModel>

namespace osc::ui {

// The instance's dashboard users, one row per user, with the workspaces they belong to and their role
// there (contract §1.6: each user owns the workspace made at registration).
class UserTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        EmailColumn,
        CreatedColumn,
        WorkspaceColumn,
        RoleColumn,
        ColumnCount
    };
    enum Role
    {
        SortRole = Qt::UserRole + 1, // raw value for sorting (times as nanoseconds)
        UserIdRole,
    };

    explicit UserTableModel(QObject *parent = nullptr);

    void setAccounts(const QList<osc::User> &users, const QList<osc::Workspace> &workspaces,
        const QList<osc::Membership> &memberships);
    const osc::User &userAt(int row) const { return m_rows.at(row).user; }
    // Row of the user with this id, or -1.
    int rowOfUser(const QString &id) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Row
    {
        osc::User user;
        QStringList workspaceNames;
        QStringList workspaceIds;
        QStringList roles; // parallel to the workspace lists
    };
    QVariant displayData(const Row &row, int column) const;

    QList<Row> m_rows;
};

} // namespace osc::ui
