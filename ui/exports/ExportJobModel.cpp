#include "ui/exports/ExportJobModel.h"

#include "Engine.h"
#include "ui/common/AsyncRunner.h"
#include "ui/common/DisplayFormat.h"

#include <QApplication>
#include <QLocale>
#include <QPainter>
#include <QSet>
#include <QStyleOptionProgressBar>
#include <QTimer>

namespace osc::ui {

namespace {

bool isActive(ExportStatus status)
{
    return status == ExportStatus::Queued || status == ExportStatus::Running;
}

int progressPercent(const ExportJob &job)
{
    if (job.status == ExportStatus::Completed)
        return 100;
    return qBound(0, int(job.progress * 100.0 + 0.5), 100);
}

} // namespace

QString exportStatusText(ExportStatus status)
{
    switch (status) {
    case ExportStatus::Queued:
        return ExportJobModel::tr("Queued");
    case ExportStatus::Running:
        return ExportJobModel::tr("Running");
    case ExportStatus::Completed:
        return ExportJobModel::tr("Completed");
    case ExportStatus::Failed:
        return ExportJobModel::tr("Failed");
    case ExportStatus::Canceled:
        return ExportJobModel::tr("Canceled");
    }
    return {};
}

QString exportKindText(ExportKind kind)
{
    switch (kind) {
    case ExportKind::UsageEvents:
        return ExportJobModel::tr("Usage events");
    case ExportKind::UsageReport:
        return ExportJobModel::tr("Usage report");
    case ExportKind::UsageBuckets:
        break;
    }
    return ExportJobModel::tr("Usage buckets");
}

QString formatByteSize(qint64 bytes)
{
    return QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeSIFormat);
}

ExportJobModel::ExportJobModel(Engine &engine, QObject *parent)
    : QAbstractTableModel(parent)
    , m_engine(engine)
    , m_owner(engine.owner())
{
    m_loader = new AsyncRunner(this);
    m_timer = new QTimer(this);
    m_timer->setSingleShot(true);
    connect(m_timer, &QTimer::timeout, this, &ExportJobModel::refresh);
}

int ExportJobModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_jobs.size());
}

int ExportJobModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ExportJobModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ExportJob &job = m_jobs.at(index.row());
    switch (role) {
    case JobIdRole:
        return job.id;
    case StatusRole:
        return int(job.status);
    case ProgressRole:
        return progressPercent(job);
    case Qt::ToolTipRole:
        switch (index.column()) {
        case CreatedColumn:
            return formatUtcTooltip(job.createdAtNs);
        case CompletedColumn:
            return formatUtcTooltip(job.completedAtNs);
        case ErrorColumn:
        case IdColumn:
            return index.column() == IdColumn ? job.id : job.error;
        default:
            return {};
        }
    case Qt::TextAlignmentRole:
        if (index.column() == RowsColumn || index.column() == SizeColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case Qt::DisplayRole:
        break;
    default:
        return {};
    }
    switch (index.column()) {
    case IdColumn:
        return job.id;
    case KindColumn:
        return exportKindText(job.kind);
    case FormatColumn:
        return exportFormatName(job.format).toUpper();
    case StatusColumn:
        return exportStatusText(job.status);
    case ProgressColumn:
        if (job.status == ExportStatus::Running || job.status == ExportStatus::Completed)
            return tr("%1%").arg(progressPercent(job));
        return noValueText();
    case RowsColumn:
        if (job.recordCount)
            return QLocale().toString(*job.recordCount);
        if (job.status == ExportStatus::Running)
            return QLocale().toString(job.rowsWritten);
        return noValueText();
    case SizeColumn:
        return job.status == ExportStatus::Completed ? formatByteSize(job.artifactSize) : noValueText();
    case CreatedColumn:
        return formatLocalDateTime(job.createdAtNs);
    case CompletedColumn:
        return formatLocalDateTime(job.completedAtNs, noValueText());
    case ErrorColumn:
        return job.error.isEmpty() ? QString() : job.error.section(QLatin1Char('\n'), 0, 0);
    default:
        return {};
    }
}

QVariant ExportJobModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case IdColumn:
        return tr("Job");
    case KindColumn:
        return tr("Kind");
    case FormatColumn:
        return tr("Format");
    case StatusColumn:
        return tr("Status");
    case ProgressColumn:
        return tr("Progress");
    case RowsColumn:
        return tr("Rows");
    case SizeColumn:
        return tr("Size");
    case CreatedColumn:
        return tr("Created");
    case CompletedColumn:
        return tr("Finished");
    case ErrorColumn:
        return tr("Error");
    default:
        return {};
    }
}

void ExportJobModel::setJobs(const QList<ExportJob> &jobs)
{
    QSet<QString> incoming;
    for (const ExportJob &job : jobs)
        incoming.insert(job.id);
    // Rows whose job is gone leave, bottom up so the rows above keep their numbers.
    for (int row = int(m_jobs.size()) - 1; row >= 0; --row) {
        if (incoming.contains(m_jobs.at(row).id))
            continue;
        beginRemoveRows({}, row, row);
        m_jobs.removeAt(row);
        endRemoveRows();
    }
    // The remaining rows keep the engine's order (newest first, which never reorders existing jobs):
    // walk the new list, updating rows that are there and inserting the others in place.
    for (int i = 0; i < jobs.size(); ++i) {
        const ExportJob &job = jobs.at(i);
        if (i < m_jobs.size() && m_jobs.at(i).id == job.id) {
            const ExportJob &old = m_jobs.at(i);
            const bool changed = old.status != job.status || old.progress != job.progress
                || old.rowsWritten != job.rowsWritten || old.recordCount != job.recordCount
                || old.artifactSize != job.artifactSize || old.error != job.error
                || old.completedAtNs != job.completedAtNs || old.updatedAtNs != job.updatedAtNs;
            m_jobs[i] = job;
            if (changed)
                Q_EMIT dataChanged(index(i, 0), index(i, ColumnCount - 1));
            continue;
        }
        const int existing = rowOfJob(job.id);
        if (existing > i) {
            // Should not happen with a stable order; move it rather than reset.
            beginMoveRows({}, existing, existing, {}, i);
            m_jobs.move(existing, i);
            endMoveRows();
            m_jobs[i] = job;
            Q_EMIT dataChanged(index(i, 0), index(i, ColumnCount - 1));
            continue;
        }
        beginInsertRows({}, i, i);
        m_jobs.insert(i, job);
        endInsertRows();
    }
}

const ExportJob *ExportJobModel::jobAt(int row) const
{
    return row >= 0 && row < m_jobs.size() ? &m_jobs.at(row) : nullptr;
}

int ExportJobModel::rowOfJob(const QString &id) const
{
    for (int row = 0; row < m_jobs.size(); ++row)
        if (m_jobs.at(row).id == id)
            return row;
    return -1;
}

bool ExportJobModel::hasActiveJobs() const
{
    for (const ExportJob &job : m_jobs)
        if (isActive(job.status))
            return true;
    return false;
}

bool ExportJobModel::isLoading() const
{
    return m_loader->isBusy();
}

void ExportJobModel::setPolling(bool polling)
{
    m_polling = polling;
    if (!polling)
        m_timer->stop();
    else if (!m_loader->isBusy())
        refresh();
}

void ExportJobModel::setOwner(const Principal &owner)
{
    m_owner = owner;
    m_loader->discardPending();
    setJobs({});
    refresh();
}

void ExportJobModel::refresh()
{
    m_timer->stop();
    Engine &engine = m_engine;
    m_loader->run([&engine, owner = m_owner] { return engine.exports().list(owner, kListLimit, QString()); },
        [this](Result<Page<ExportJob>> result) {
            if (result) {
                m_error.clear();
                setJobs(result->items);
            } else {
                m_error = ui::errorText(result.error());
            }
            scheduleNext();
            Q_EMIT refreshed();
        });
}

void ExportJobModel::scheduleNext()
{
    if (m_polling)
        m_timer->start(hasActiveJobs() ? kActivePollMs : kIdlePollMs);
}

void ExportProgressDelegate::paint(
    QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const auto status = ExportStatus(index.data(ExportJobModel::StatusRole).toInt());
    if (status != ExportStatus::Running && status != ExportStatus::Completed) {
        QStyledItemDelegate::paint(painter, option, index);
        return;
    }
    // The cell background (selection, alternating rows) first, then the bar inset a little.
    QStyleOptionViewItem background = option;
    initStyleOption(&background, index);
    background.text.clear();
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &background, painter, widget);

    QStyleOptionProgressBar bar;
    bar.rect = option.rect.adjusted(3, 3, -3, -3);
    bar.minimum = 0;
    bar.maximum = 100;
    bar.progress = index.data(ExportJobModel::ProgressRole).toInt();
    bar.text = index.data(Qt::DisplayRole).toString();
    bar.textVisible = true;
    bar.textAlignment = Qt::AlignCenter;
    bar.state = option.state | QStyle::State_Horizontal;
    bar.palette = option.palette;
    bar.fontMetrics = option.fontMetrics;
    style->drawControl(QStyle::CE_ProgressBar, &bar, painter, widget);
}

} // namespace osc::ui
