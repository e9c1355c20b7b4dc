#include "ui/keys/ApiKeyTableModel.h"

#include "ui/common/DisplayFormat.h"

#include <QColor>

#include <limits>

namespace osc::ui {

ApiKeyTableModel::ApiKeyTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

void ApiKeyTableModel::setKeys(const QList<ApiKey> &keys, qint64 nowNs, const Names &names)
{
    beginResetModel();
    m_keys = keys;
    m_nowNs = nowNs;
    m_names = names;
    endResetModel();
}

int ApiKeyTableModel::rowOfKey(const QString &id) const
{
    for (int row = 0; row < m_keys.size(); ++row)
        if (m_keys.at(row).id == id)
            return row;
    return -1;
}

ApiKeyTableModel::KeyStatus ApiKeyTableModel::statusAt(int row) const
{
    const ApiKey &key = m_keys.at(row);
    if (key.revokedAtNs)
        return KeyStatus::Revoked;
    if (key.expiresAtNs && m_nowNs >= *key.expiresAtNs)
        return KeyStatus::Expired;
    return KeyStatus::Active;
}

QString ApiKeyTableModel::statusText(KeyStatus status)
{
    switch (status) {
    case KeyStatus::Active:
        return tr("Active");
    case KeyStatus::Revoked:
        return tr("Revoked");
    case KeyStatus::Expired:
        return tr("Expired");
    }
    return {};
}

int ApiKeyTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_keys.size());
}

int ApiKeyTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ApiKeyTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const int row = index.row();
    switch (role) {
    case Qt::DisplayRole:
        return displayData(row, index.column());
    case Qt::ToolTipRole:
        return toolTip(row, index.column());
    case Qt::ForegroundRole:
        // Only the status cell is tinted; mid-tone colours stay legible on light and dark palettes.
        if (index.column() != StatusColumn)
            return {};
        switch (statusAt(row)) {
        case KeyStatus::Active:
            return QColor(0x2e, 0x9d, 0x4f);
        case KeyStatus::Revoked:
            return QColor(0xd6, 0x3b, 0x3b);
        case KeyStatus::Expired:
            return QColor(0xc9, 0x7a, 0x12);
        }
        return {};
    case SortRole:
        return sortData(row, index.column());
    case KeyIdRole:
        return m_keys.at(row).id;
    case StatusRole:
        return int(statusAt(row));
    case WorkspaceIdRole:
        return m_keys.at(row).workspaceId;
    default:
        return {};
    }
}

QString ApiKeyTableModel::rateLimitText(const RateLimit &limit)
{
    if (!limit.enabled())
        return tr("unlimited");
    if (limit.capacity() == limit.perMinute)
        return tr("%1/min").arg(limit.perMinute);
    return tr("%1/min, burst %2").arg(limit.perMinute).arg(limit.capacity());
}

QString ApiKeyTableModel::ownerText(const ApiKey &key) const
{
    // Keys made in the console or with the CLI belong to no user.
    if (key.userId.isEmpty())
        return QStringLiteral("\u2014");
    return m_names.userEmails.value(key.userId, key.userId);
}

QString ApiKeyTableModel::workspaceText(const ApiKey &key) const
{
    return m_names.workspaceNames.value(key.workspaceId, key.workspaceId);
}

QVariant ApiKeyTableModel::displayData(int row, int column) const
{
    const ApiKey &key = m_keys.at(row);
    switch (column) {
    case NameColumn:
        return key.name;
    case OwnerColumn:
        return ownerText(key);
    case WorkspaceColumn:
        return workspaceText(key);
    case PrefixColumn:
        return key.prefix + QStringLiteral("\u2026");
    case ScopesColumn:
        return key.scopes.join(QLatin1String(", "));
    case AllowedMetersColumn:
        return key.allowedMeters.isEmpty() ? tr("all") : key.allowedMeters.join(QLatin1String(", "));
    case RateLimitColumn:
        return rateLimitText(key.rateLimit);
    case CreatedColumn:
        return formatLocalDateTime(key.createdAtNs);
    case LastUsedColumn:
        return formatLocalDateTime(key.lastUsedAtNs, tr("never"));
    case ExpiresColumn:
        return formatLocalDateTime(key.expiresAtNs, tr("never"));
    case StatusColumn:
        return statusText(statusAt(row));
    default:
        return {};
    }
}

QVariant ApiKeyTableModel::sortData(int row, int column) const
{
    const ApiKey &key = m_keys.at(row);
    switch (column) {
    case CreatedColumn:
        return key.createdAtNs;
    case LastUsedColumn:
        return key.lastUsedAtNs.value_or(-1);
    case ExpiresColumn:
        // Keys that never expire sort after every dated one.
        return key.expiresAtNs.value_or(std::numeric_limits<qint64>::max());
    case StatusColumn:
        return int(statusAt(row));
    case RateLimitColumn:
        // Unlimited keys sort after every limited one.
        return key.rateLimit.enabled() ? qint64(key.rateLimit.perMinute) : std::numeric_limits<qint64>::max();
    default:
        return displayData(row, column).toString().toLower();
    }
}

QString ApiKeyTableModel::toolTip(int row, int column) const
{
    const ApiKey &key = m_keys.at(row);
    switch (column) {
    case OwnerColumn:
        return key.userId.isEmpty() ? tr("Made in the console or with the CLI")
                                    : tr("Made by this user over a dashboard session");
    case WorkspaceColumn:
        return tr("Workspace id: %1").arg(key.workspaceId);
    case PrefixColumn:
        return tr("The secret starts with this prefix; the rest is never stored.");
    case ScopesColumn:
        return key.scopes.join(QLatin1Char('\n'));
    case RateLimitColumn:
        return tr("Requests per minute this key may make; beyond it the server answers 429.");
    case CreatedColumn:
        return formatUtcTooltip(key.createdAtNs);
    case LastUsedColumn:
        return formatUtcTooltip(key.lastUsedAtNs);
    case ExpiresColumn:
        return formatUtcTooltip(key.expiresAtNs);
    case StatusColumn:
        if (key.revokedAtNs)
            return tr("Revoked at %1").arg(formatLocalDateTime(*key.revokedAtNs));
        return {};
    default:
        return {};
    }
}

QVariant ApiKeyTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case NameColumn:
        return tr("Name");
    case OwnerColumn:
        return tr("Owner");
    case WorkspaceColumn:
        return tr("Workspace");
    case PrefixColumn:
        return tr("Prefix");
    case ScopesColumn:
        return tr("Scopes");
    case AllowedMetersColumn:
        return tr("Allowed meters");
    case RateLimitColumn:
        return tr("Rate limit");
    case CreatedColumn:
        return tr("Created");
    case LastUsedColumn:
        return tr("Last used");
    case ExpiresColumn:
        return tr("Expires");
    case StatusColumn:
        return tr("Status");
    default:
        return {};
    }
}

} // namespace osc::ui
