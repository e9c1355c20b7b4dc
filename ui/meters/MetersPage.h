#pragma once

#include "demo/DemoData.h"

#include <QWidget>

class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSortFilterProxyModel;
class QStackedWidget;
class QTableView;

namespace osc {
class Engine;
struct Error;
struct Meter;
struct MeterUsageStats;
} // namespace osc

namespace osc::ui {

class AsyncRunner;
class DemoDataLoader;
class InlineErrorLabel;
class MeterEditorDialog;
class MeterTableModel;
class PageHeader;
class WorkspaceContext;

// Lists the workspace's meters with their usage figures, and creates, edits and deletes them. Loads off
// the GUI thread; a newer refresh supersedes an older one still running. With no meters at all (first
// run) the empty state offers to create one or to load demo data.
class MetersPage : public QWidget
{
    Q_OBJECT

public:
    // Shows the meters of `workspace`'s selection and reloads when it changes.
    MetersPage(osc::Engine &engine, WorkspaceContext &workspace, QWidget *parent = nullptr);

    MeterTableModel *model() const { return m_model; }
    QTableView *tableView() const { return m_table; }
    bool isLoading() const;
    // Text of the inline error, empty when the last load (and delete) succeeded.
    QString errorText() const;
    // Id of the selected meter, empty when none is.
    QString selectedMeterId() const;
    bool isLoadingDemoData() const;
    // What "Load demo data" generates (20,000 events over 30 days, 50 subjects by default).
    void setDemoDataOptions(const osc::DemoDataOptions &options) { m_demoOptions = options; }
    osc::DemoDataOptions demoDataOptions() const { return m_demoOptions; }

    // Open the editor (window-modal, deletes itself when closed); the list reloads after a save.
    MeterEditorDialog *openCreateDialog();
    MeterEditorDialog *openEditDialog(const QString &meterId);

public Q_SLOTS:
    void refresh();
    MeterEditorDialog *editSelected();
    // Asks for confirmation, then deletes.
    void deleteSelected();
    // Deletes without asking; the engine refuses a meter that has events, and the page says why.
    void deleteMeter(const QString &meterId);
    // Generates demo meters and events in the background, with progress in the empty state.
    void loadDemoData();

Q_SIGNALS:
    // After each load that reached the model (successful or not).
    void refreshed();
    // Demo data has been written: other pages showing meters or usage should reload.
    void demoDataLoaded();

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateHeader();
    void onDemoProgress(qint64 written, qint64 total);
    void onDemoFinished(int metersCreated, qint64 eventsWritten, const QString &error);
    void applyMeters(const QList<osc::Meter> &meters, const QList<osc::MeterUsageStats> &stats);
    void applyError(const osc::Error &error);
    void updateContent();
    void updateActions();
    int sourceRowOf(const QString &meterId) const;

    osc::Engine &m_engine;
    WorkspaceContext &m_workspace;
    AsyncRunner *m_loader = nullptr;
    AsyncRunner *m_commands = nullptr;
    QString m_commandError; // a failed delete stays visible across the refresh that follows
    MeterTableModel *m_model = nullptr;
    QSortFilterProxyModel *m_proxy = nullptr;
    PageHeader *m_header = nullptr;
    InlineErrorLabel *m_error = nullptr;
    QLineEdit *m_filter = nullptr;
    QPushButton *m_refreshButton = nullptr;
    QPushButton *m_newButton = nullptr;
    QPushButton *m_editButton = nullptr;
    QPushButton *m_deleteButton = nullptr;
    QStackedWidget *m_content = nullptr;
    QTableView *m_table = nullptr;
    QWidget *m_emptyState = nullptr;
    QLabel *m_placeholder = nullptr;
    QPushButton *m_createFirstButton = nullptr;
    QPushButton *m_demoButton = nullptr;
    QProgressBar *m_demoProgress = nullptr;
    DemoDataLoader *m_demoLoader = nullptr;
    osc::DemoDataOptions m_demoOptions;
    bool m_loadedOnce = false;
};

} // namespace osc::ui
