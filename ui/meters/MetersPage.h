#pragma once

#include <QWidget>

class QLabel;
class QLineEdit;
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
class InlineErrorLabel;
class MeterEditorDialog;
class MeterTableModel;
class PageHeader;

// Lists the workspace's meters with their usage figures, and creates, edits and deletes them. Loads off
// the GUI thread; a newer refresh supersedes an older one still running.
class MetersPage : public QWidget
{
    Q_OBJECT

public:
    explicit MetersPage(osc::Engine &engine, QWidget *parent = nullptr);

    MeterTableModel *model() const { return m_model; }
    QTableView *tableView() const { return m_table; }
    bool isLoading() const;
    // Text of the inline error, empty when the last load (and delete) succeeded.
    QString errorText() const;
    // Id of the selected meter, empty when none is.
    QString selectedMeterId() const;

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

Q_SIGNALS:
    // After each load that reached the model (successful or not).
    void refreshed();

private:
    void applyMeters(const QList<osc::Meter> &meters, const QList<osc::MeterUsageStats> &stats);
    void applyError(const osc::Error &error);
    void updateContent();
    void updateActions();
    int sourceRowOf(const QString &meterId) const;

    osc::Engine &m_engine;
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
    QLabel *m_placeholder = nullptr;
    bool m_loadedOnce = false;
};

} // namespace osc::ui
