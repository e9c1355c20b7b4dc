#pragma once

#include "ui/exports/NewExportDialog.h"
#include "ui/exports/UsageReportDialog.h"

#include <QWidget>

#include <functional>

class QLabel;
class QPushButton;
class QStackedWidget;
class QTableView;

namespace osc {
class Engine;
}

namespace osc::ui {

class AsyncRunner;
class ExportJobModel;
class InlineErrorLabel;
class PageHeader;
class WorkspaceContext;

// The export queue: every job with its status and progress, and the actions that fit the selected one
// (cancel while queued or running, retry when failed or canceled, save the file once completed). The
// table reloads every second while a job is active and the page is visible.
class ExportsPage : public QWidget
{
    Q_OBJECT

public:
    // Asks where to save a completed export; empty = the user changed their mind. The default shows a
    // QFileDialog; tests inject a path.
    using SaveFileChooser = std::function<QString(QWidget *parent, const QString &suggestedName)>;

    // Lists and queues the exports of `workspace`'s selection and reloads when it changes.
    ExportsPage(osc::Engine &engine, WorkspaceContext &workspace, QWidget *parent = nullptr);

    ExportJobModel *model() const { return m_model; }
    QTableView *tableView() const { return m_table; }
    QString errorText() const;
    QString selectedJobId() const;
    void selectJob(const QString &id);
    void setSaveFileChooser(SaveFileChooser chooser) { m_chooser = std::move(chooser); }
    // The export directory (artifacts of completed jobs).
    QString exportDirectory() const;
    // The dialog opened by openNewExportDialog(), while it is open.
    NewExportDialog *newExportDialog() const { return m_dialog; }
    // The "Export usage report" dialog opened by openUsageReportDialog(), while it is open.
    UsageReportDialog *usageReportDialog() const { return m_reportDialog; }

public Q_SLOTS:
    void refresh();
    // Opens the New export dialog (prefilled from `preset`); on OK the job is queued.
    void openNewExportDialog(const osc::ui::ExportPreset &preset = {});
    // Opens "Export usage report"; a saved CSV report shows up as a completed job.
    void openUsageReportDialog();
    void cancelSelected();
    void retrySelected();
    void saveSelected();
    void openFolder();

Q_SIGNALS:
    // A job was created (from the dialog); it is selected in the table.
    void exportQueued(const QString &jobId);
    // Save as… finished: `ok` false with a reason shown on the page.
    void saveFinished(bool ok, const QString &path);

protected:
    void changeEvent(QEvent *event) override;
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    void retranslateUi();
    void queue(const osc::ExportJobDraft &draft);
    void updateActions();
    void updateContent();
    void runCommand(const QString &verb, bool cancel);

    osc::Engine &m_engine;
    WorkspaceContext &m_workspace;
    ExportJobModel *m_model = nullptr;
    AsyncRunner *m_commands = nullptr;
    AsyncRunner *m_copier = nullptr;
    SaveFileChooser m_chooser;
    NewExportDialog *m_dialog = nullptr;
    UsageReportDialog *m_reportDialog = nullptr;
    QPushButton *m_reportButton = nullptr;
    QString m_pendingSelection;
    PageHeader *m_header = nullptr;
    QPushButton *m_newButton = nullptr;
    QPushButton *m_cancelButton = nullptr;
    QPushButton *m_retryButton = nullptr;
    QPushButton *m_saveButton = nullptr;
    QPushButton *m_folderButton = nullptr;
    InlineErrorLabel *m_error = nullptr;
    QLabel *m_detail = nullptr;
    QStackedWidget *m_content = nullptr;
    QTableView *m_table = nullptr;
    QLabel *m_placeholder = nullptr;
};

} // namespace osc::ui
