#include "ui/accounts/UserTableModel.h"

#include "ui/common/DisplayFormat.h"

#include <QHash>

namespace osc::ui {

UserTableModel::UserTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

void UserTableModel::setAccounts(
    const QList<User> &users, const QList<Workspace> &workspaces, const QList<Membership> &memberships)
{
    QHash<QString, QString> names;
    for (const Workspace &workspace : workspaces)
        names.insert(workspace.id, workspace.name);
    beginResetModel();
    m_rows.clear();
    m_rows.reserve(users.size());
    for (const User &user : users) {
        Row row{user, {}, {}, {}};
        for (const Membership &member : memberships) {
            if (member.userId != user.id)
                continue;
            row.workspaceIds.append(member.workspaceId);
            row.workspaceNames.append(names.value(member.workspaceId, member.workspaceId));
            row.roles.append(member.role);
        }
        m_rows.append(row);
    }
    endResetModel();
}

int UserTableModel::rowOfUser(const QString &id) const
{
    for (int row = 0; row < m_rows.size(); ++row)
        if (m_rows.at(row).user.id == id)
            return row;
    return -1;
}

int UserTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int UserTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant UserTableModel::displayData(const Row &row, int column) const
{
    switch (column) {
    case EmailColumn:
        return row.user.email;
    case CreatedColumn:
        return formatLocalDateTime(row.user.createdAtNs);
    case WorkspaceColumn:
        return row.workspaceNames.isEmpty() ? noValueText() : row.workspaceNames.join(QLatin1String(", "));
    case RoleColumn: {
        if (row.roles.isEmpty())
            return noValueText();
        QStringList shown;
        for (const QString &role : row.roles)
            shown.append(role == QLatin1StringView("owner") ? tr("owner") : role);
        return shown.join(QLatin1String(", "));
    }
    default:
        return {};
    }
}

QVariant UserTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return displayData(row, index.column());
    case Qt::ToolTipRole:
        if (index.column() == CreatedColumn)
            return formatUtcTooltip(row.user.createdAtNs);
        if (index.column() == WorkspaceColumn && !row.workspaceIds.isEmpty())
            return tr("Workspace id: %1").arg(row.workspaceIds.join(QLatin1String(", ")));
        return {};
    case SortRole:
        if (index.column() == CreatedColumn)
            return row.user.createdAtNs;
        return displayData(row, index.column()).toString().toLower();
    case UserIdRole:
        return row.user.id;
    default:
        return {};
    }
}

QVariant UserTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case EmailColumn:
        return tr("Email");
    case CreatedColumn:
        return tr("Created");
    case WorkspaceColumn:
        return tr("Workspace");
    case RoleColumn:
        return tr("Role");
    default:
        return {};
    }
}

} // namespace osc::ui
