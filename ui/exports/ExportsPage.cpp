#include "ui/exports/ExportsPage.h"

#include "Engine.h"
#include "ui/common/AsyncRunner.h"
#include "ui/common/DisplayFormat.h"
#include "ui/common/InlineErrorLabel.h"
#include "ui/common/PageHeader.h"
#include "ui/common/WorkspaceContext.h"
#include "ui/exports/ExportJobModel.h"

#include <QDesktopServices>
#include <QDir>
#include <QEvent>
#include <QFile>
#include <QFileDialog>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QPushButton>
#include <QSaveFile>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTableView>
#include <QTime>
#include <QUrl>
#include <QVBoxLayout>

namespace osc::ui {

namespace {

QString defaultChooser(QWidget *parent, const QString &suggestedName)
{
    QString dir = QStandardPaths::writableLocation(QStandardPaths::DownloadLocation);
    if (dir.isEmpty())
        dir = QDir::homePath();
    return QFileDialog::getSaveFileName(
        parent, ExportsPage::tr("Save export as"), QDir(dir).filePath(suggestedName));
}

// Copies `source` to `target` through a temporary file, so a failed copy never leaves half a file.
QString copyFile(const QString &source, const QString &target)
{
    QFile in(source);
    if (!in.open(QIODevice::ReadOnly))
        return in.errorString();
    QSaveFile out(target);
    if (!out.open(QIODevice::WriteOnly))
        return out.errorString();
    QByteArray buffer;
    while (!in.atEnd()) {
        buffer = in.read(1 << 20);
        if (buffer.isEmpty() && in.error() != QFileDevice::NoError)
            return in.errorString();
        if (out.write(buffer) != buffer.size())
            return out.errorString();
    }
    if (!out.commit())
        return out.errorString();
    return {};
}

} // namespace

ExportsPage::ExportsPage(Engine &engine, WorkspaceContext &workspace, QWidget *parent)
    : QWidget(parent)
    , m_engine(engine)
    , m_workspace(workspace)
    , m_chooser(defaultChooser)
{
    m_model = new ExportJobModel(engine, this);
    m_model->setOwner(workspace.owner());
    m_commands = new AsyncRunner(this);
    m_copier = new AsyncRunner(this);

    m_header = new PageHeader(QString(), QString(), this);
    m_newButton = new QPushButton(style()->standardIcon(QStyle::SP_FileDialogNewFolder), QString(), this);
    m_newButton->setObjectName(QStringLiteral("newExportButton"));
    m_cancelButton = new QPushButton(style()->standardIcon(QStyle::SP_BrowserStop), QString(), this);
    m_cancelButton->setObjectName(QStringLiteral("cancelExportButton"));
    m_retryButton = new QPushButton(style()->standardIcon(QStyle::SP_BrowserReload), QString(), this);
    m_retryButton->setObjectName(QStringLiteral("retryExportButton"));
    m_saveButton = new QPushButton(style()->standardIcon(QStyle::SP_DialogSaveButton), QString(), this);
    m_saveButton->setObjectName(QStringLiteral("saveExportButton"));
    m_folderButton = new QPushButton(style()->standardIcon(QStyle::SP_DirOpenIcon), QString(), this);
    m_folderButton->setObjectName(QStringLiteral("openExportFolderButton"));
    // No icon: the header's buttons must still fit a 1024-pixel window in German.
    m_reportButton = new QPushButton(this);
    m_reportButton->setObjectName(QStringLiteral("usageReportButton"));
    for (QPushButton *button :
        {m_newButton, m_reportButton, m_cancelButton, m_retryButton, m_saveButton, m_folderButton})
        m_header->addTrailingWidget(button);

    m_error = new InlineErrorLabel(this);
    m_error->setObjectName(QStringLiteral("exportsError"));

    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("exportsTable"));
    m_table->setModel(m_model);
    m_table->setItemDelegateForColumn(ExportJobModel::ProgressColumn, new ExportProgressDelegate(m_table));
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->setShowGrid(false);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->setVisible(false);
    m_table->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setColumnWidth(ExportJobModel::IdColumn, 110);
    m_table->setColumnWidth(ExportJobModel::KindColumn, 110);
    m_table->setColumnWidth(ExportJobModel::FormatColumn, 64);
    m_table->setColumnWidth(ExportJobModel::StatusColumn, 90);
    m_table->setColumnWidth(ExportJobModel::ProgressColumn, 110);
    m_table->setColumnWidth(ExportJobModel::RowsColumn, 80);
    m_table->setColumnWidth(ExportJobModel::SizeColumn, 80);
    m_table->setColumnWidth(ExportJobModel::CreatedColumn, 150);
    m_table->setColumnWidth(ExportJobModel::CompletedColumn, 150);

    m_detail = new QLabel(this);
    m_detail->setObjectName(QStringLiteral("exportDetail"));
    m_detail->setWordWrap(true);
    m_detail->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *tablePane = new QWidget(this);
    auto *tableLayout = new QVBoxLayout(tablePane);
    tableLayout->setContentsMargins(0, 0, 0, 0);
    tableLayout->addWidget(m_table, 1);
    tableLayout->addWidget(m_detail);

    m_placeholder = new QLabel(this);
    m_placeholder->setObjectName(QStringLiteral("exportsEmptyState"));
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setWordWrap(true);
    m_placeholder->setMargin(24);
    PageHeader::makeMuted(m_placeholder);

    m_content = new QStackedWidget(this);
    m_content->addWidget(tablePane);
    m_content->addWidget(m_placeholder);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_header);
    layout->addWidget(m_error);
    layout->addWidget(m_content, 1);

    connect(m_newButton, &QPushButton::clicked, this, [this] { openNewExportDialog(); });
    connect(m_reportButton, &QPushButton::clicked, this, &ExportsPage::openUsageReportDialog);
    connect(m_cancelButton, &QPushButton::clicked, this, &ExportsPage::cancelSelected);
    connect(m_retryButton, &QPushButton::clicked, this, &ExportsPage::retrySelected);
    connect(m_saveButton, &QPushButton::clicked, this, &ExportsPage::saveSelected);
    connect(m_folderButton, &QPushButton::clicked, this, &ExportsPage::openFolder);
    connect(m_table, &QTableView::doubleClicked, this, [this](const QModelIndex &index) {
        if (const ExportJob *job = m_model->jobAt(index.row()); job && job->status == ExportStatus::Completed)
            saveSelected();
    });
    connect(
        m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, &ExportsPage::updateActions);
    connect(m_model, &QAbstractItemModel::dataChanged, this, &ExportsPage::updateActions);
    connect(m_model, &ExportJobModel::refreshed, this, [this] {
        if (!m_pendingSelection.isEmpty() && m_model->rowOfJob(m_pendingSelection) >= 0) {
            selectJob(m_pendingSelection);
            m_pendingSelection.clear();
        }
        if (!m_model->errorText().isEmpty())
            m_error->showError(tr("Could not load the export jobs: %1").arg(m_model->errorText()));
        m_header->setStatusText(
            tr("Updated %1").arg(QTime::currentTime().toString(QStringLiteral("HH:mm:ss"))));
        updateContent();
        updateActions();
    });
    connect(m_commands, &AsyncRunner::busyChanged, this, &ExportsPage::updateActions);
    connect(m_copier, &AsyncRunner::busyChanged, this, &ExportsPage::updateActions);

    // Another workspace: its jobs (the model drops the previous one's rows at once).
    connect(&m_workspace, &WorkspaceContext::workspaceChanged, this, [this] {
        m_error->clearError();
        m_model->setOwner(m_workspace.owner());
    });

    retranslateUi();
    updateContent();
    updateActions();
}

void ExportsPage::retranslateUi()
{
    m_header->setTitle(tr("Exports"));
    m_header->setDescription(
        tr("Usage exports run as background jobs: follow their progress, then save the file."));
    m_newButton->setText(tr("New export…"));
    m_newButton->setToolTip(tr("Describe an export of usage buckets or events and queue it"));
    m_reportButton->setText(tr("Usage report…"));
    m_reportButton->setToolTip(
        tr("Usage per user, API key, model, project or agent over a period, as CSV or JSON"));
    m_cancelButton->setText(tr("Cancel"));
    m_cancelButton->setToolTip(tr("Stop the selected queued or running job"));
    m_retryButton->setText(tr("Retry"));
    m_retryButton->setToolTip(tr("Queue the selected failed or canceled job again"));
    m_saveButton->setText(tr("Save as…"));
    m_saveButton->setToolTip(tr("Copy the file of the selected completed job to a place you choose"));
    m_folderButton->setText(tr("Open folder"));
    m_folderButton->setToolTip(tr("Show the export directory in the file manager"));
    m_placeholder->setText(
        tr("No exports yet.\n\nClick “New export…” to export usage buckets or raw events as CSV, JSON or "
           "NDJSON, or use “Export…” on the Usage page to export what the chart shows. Jobs run in the "
           "background; their files appear here when they complete."));
    updateActions();
}

QString ExportsPage::errorText() const
{
    return m_error->text();
}

QString ExportsPage::exportDirectory() const
{
    return m_engine.exports().settings().storageDir;
}

QString ExportsPage::selectedJobId() const
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    return rows.isEmpty() ? QString() : rows.first().data(ExportJobModel::JobIdRole).toString();
}

void ExportsPage::selectJob(const QString &id)
{
    const int row = m_model->rowOfJob(id);
    if (row < 0) {
        m_pendingSelection = id;
        return;
    }
    m_table->selectRow(row);
    m_table->scrollTo(m_model->index(row, 0));
}

void ExportsPage::refresh()
{
    m_model->refresh();
}

void ExportsPage::updateContent()
{
    m_content->setCurrentIndex(m_model->rowCount() > 0 ? 0 : 1);
}

void ExportsPage::updateActions()
{
    const ExportJob *job = m_model->jobAt(m_model->rowOfJob(selectedJobId()));
    const bool idle = !m_commands->isBusy();
    const ExportStatus status = job ? job->status : ExportStatus::Queued;
    m_cancelButton->setEnabled(
        job && idle && (status == ExportStatus::Queued || status == ExportStatus::Running));
    m_retryButton->setEnabled(
        job && idle && (status == ExportStatus::Failed || status == ExportStatus::Canceled));
    m_saveButton->setEnabled(job && status == ExportStatus::Completed && !m_copier->isBusy());

    QString detail;
    if (job) {
        // A usage report reads every meter: it is named by its report type (the stored request's).
        const QString subjectOf = job->kind == ExportKind::UsageReport
            ? QJsonDocument::fromJson(job->query).object().value(QLatin1StringView("dataType")).toString()
            : job->meter;
        const QString what
            = tr("%1 of “%2”, %3")
                  .arg(exportKindText(job->kind), subjectOf, exportFormatName(job->format).toUpper());
        switch (job->status) {
        case ExportStatus::Queued:
            detail = tr("%1: waiting for an export worker.").arg(what);
            break;
        case ExportStatus::Running:
            detail = tr("%1: %2 rows written so far.").arg(what, QLocale().toString(job->rowsWritten));
            break;
        case ExportStatus::Completed:
            detail = tr("%1: %2 rows, %3. Use “Save as…” to copy the file.")
                         .arg(what, QLocale().toString(job->recordCount.value_or(0)),
                             formatByteSize(job->artifactSize));
            break;
        case ExportStatus::Failed:
            detail = tr("%1 failed: %2. Fix the cause, then Retry.")
                         .arg(what,
                             job->error.isEmpty()
                                 ? tr("no reason was recorded")
                                 : QString(job->error).replace(QLatin1Char('\n'), QStringLiteral(": ")));
            break;
        case ExportStatus::Canceled:
            detail = tr("%1 was canceled; Retry queues it again.").arg(what);
            break;
        }
    }
    m_detail->setText(detail.isEmpty() ? tr("Select a job to see its details.") : detail);
}

void ExportsPage::openNewExportDialog(const ExportPreset &preset)
{
    if (m_dialog) {
        m_dialog->raise();
        m_dialog->activateWindow();
        return;
    }
    m_dialog = new NewExportDialog(m_engine, m_workspace.owner(), preset, window());
    m_dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_dialog, &QDialog::accepted, this, [this, dialog = m_dialog] {
        if (auto draft = dialog->draft())
            queue(draft.value());
    });
    connect(m_dialog, &QObject::destroyed, this, [this] { m_dialog = nullptr; });
    m_dialog->open();
}

void ExportsPage::openUsageReportDialog()
{
    if (m_reportDialog) {
        m_reportDialog->raise();
        m_reportDialog->activateWindow();
        return;
    }
    m_reportDialog = new UsageReportDialog(m_engine, m_workspace.owner(), window());
    m_reportDialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_reportDialog, &UsageReportDialog::saved, this, [this](const QString &jobId) {
        if (jobId.isEmpty())
            return;
        m_pendingSelection = jobId;
        refresh();
    });
    connect(m_reportDialog, &QObject::destroyed, this, [this] { m_reportDialog = nullptr; });
    m_reportDialog->open();
}

void ExportsPage::queue(const ExportJobDraft &draft)
{
    Engine &engine = m_engine;
    m_error->clearError();
    m_commands->run(
        [&engine, owner = m_workspace.owner(), draft] { return engine.exports().create(owner, draft); },
        [this](Result<ExportJob> result) {
            if (!result) {
                m_error->showError(tr("Could not queue the export: %1").arg(ui::errorText(result.error())));
                return;
            }
            m_pendingSelection = result->id;
            m_model->refresh();
            Q_EMIT exportQueued(result->id);
        });
}

void ExportsPage::runCommand(const QString &verb, bool cancel)
{
    const QString id = selectedJobId();
    if (id.isEmpty())
        return;
    Engine &engine = m_engine;
    m_error->clearError();
    m_commands->run(
        [&engine, owner = m_workspace.owner(), id, cancel] {
            return cancel ? engine.exports().cancel(owner, id) : engine.exports().retry(owner, id);
        },
        [this, verb](Result<ExportJob> result) {
            if (!result)
                m_error->showError(verb.arg(ui::errorText(result.error())));
            m_model->refresh();
        });
}

void ExportsPage::cancelSelected()
{
    runCommand(tr("Could not cancel the export: %1"), true);
}

void ExportsPage::retrySelected()
{
    runCommand(tr("Could not retry the export: %1"), false);
}

void ExportsPage::saveSelected()
{
    const ExportJob *job = m_model->jobAt(m_model->rowOfJob(selectedJobId()));
    if (!job || job->status != ExportStatus::Completed)
        return;
    // The name downloads get too (ExportJobs::download): open-spanner-export-<id>.<ext>.
    const QString suggested
        = QStringLiteral("open-spanner-export-%1.%2").arg(job->id, exportFileExtension(job->format));
    const QString target = m_chooser ? m_chooser(this, suggested) : QString();
    if (target.isEmpty())
        return;
    m_error->clearError();
    m_header->setStatusText(tr("Saving…"));
    Engine &engine = m_engine;
    // Looking the artifact up and copying it both touch the disk: off the GUI thread.
    m_copier->run(
        [&engine, owner = m_workspace.owner(), id = job->id, target]() -> QString {
            auto download = engine.exports().download(owner, id);
            if (!download)
                return tr("the file of this export is not available: %1")
                    .arg(ui::errorText(download.error()));
            return copyFile(download->path, target);
        },
        [this, target](const QString &problem) {
            if (problem.isEmpty()) {
                m_header->setStatusText(tr("Saved %1").arg(QDir::toNativeSeparators(target)));
            } else {
                m_header->setStatusText(QString());
                m_error->showError(
                    tr("Could not save %1: %2").arg(QDir::toNativeSeparators(target), problem));
            }
            Q_EMIT saveFinished(problem.isEmpty(), target);
        });
}

void ExportsPage::openFolder()
{
    const QString dir = exportDirectory();
    QDir().mkpath(dir);
    if (!QDesktopServices::openUrl(QUrl::fromLocalFile(dir)))
        m_error->showError(tr("Could not open %1 in the file manager.").arg(QDir::toNativeSeparators(dir)));
}

void ExportsPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    m_model->setPolling(true);
}

void ExportsPage::hideEvent(QHideEvent *event)
{
    m_model->setPolling(false);
    QWidget::hideEvent(event);
}

void ExportsPage::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
}

} // namespace osc::ui
