#include "ui/server/RequestLogModel.h"

#include <QColor>
#include <QDateTime>
#include <QLocale>

namespace osc::ui {

RequestLogModel::RequestLogModel(int capacity, QObject *parent)
    : QAbstractTableModel(parent)
    , m_capacity(qMax(1, capacity))
{ }

void RequestLogModel::append(const QList<ServedRequest> &entries)
{
    if (entries.isEmpty())
        return;
    // Only the newest `capacity` of a large burst can ever be shown.
    const qsizetype skipped = qMax<qsizetype>(0, entries.size() - m_capacity);
    const int incoming = int(entries.size() - skipped);
    const int overflow = int(m_entries.size()) + incoming - m_capacity;
    if (overflow > 0) {
        const int rows = int(m_entries.size());
        beginRemoveRows({}, rows - overflow, rows - 1);
        m_entries.remove(0, overflow);
        endRemoveRows();
    }
    beginInsertRows({}, 0, incoming - 1);
    m_entries.append(entries.mid(skipped));
    endInsertRows();
}

void RequestLogModel::clear()
{
    if (m_entries.isEmpty())
        return;
    beginResetModel();
    m_entries.clear();
    endResetModel();
}

const ServedRequest &RequestLogModel::entryAt(int row) const
{
    return m_entries.at(m_entries.size() - 1 - row);
}

QString RequestLogModel::formatDuration(qint64 durationUs)
{
    if (durationUs < 1000)
        return tr("%1 µs").arg(durationUs);
    return tr("%1 ms").arg(QLocale().toString(double(durationUs) / 1000.0, 'f', 1));
}

int RequestLogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int RequestLogModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RequestLogModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ServedRequest &entry = entryAt(index.row());
    const QDateTime at = QDateTime::fromMSecsSinceEpoch(entry.atMs).toLocalTime();
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case TimeColumn:
            return at.toString(QStringLiteral("HH:mm:ss.zzz"));
        case MethodColumn:
            return QString::fromLatin1(entry.method);
        case PathColumn:
            return entry.path;
        case StatusColumn:
            return entry.status;
        case DurationColumn:
            return formatDuration(entry.durationUs);
        default:
            return {};
        }
    case Qt::ToolTipRole:
        if (index.column() == TimeColumn)
            return at.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz"));
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == StatusColumn || index.column() == DurationColumn)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return int(Qt::AlignLeft | Qt::AlignVCenter);
    case Qt::ForegroundRole:
        if (index.column() != StatusColumn)
            return {};
        if (entry.status >= 500)
            return QColor(0xd6, 0x3b, 0x3b);
        if (entry.status >= 400)
            return QColor(0xc9, 0x7a, 0x12);
        return {};
    default:
        return {};
    }
}

QVariant RequestLogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case TimeColumn:
        return tr("Time");
    case MethodColumn:
        return tr("Method");
    case PathColumn:
        return tr("Path");
    case StatusColumn:
        return tr("Status");
    case DurationColumn:
        return tr("Duration");
    default:
        return {};
    }
}

} // namespace osc::ui
