#pragma once

#include "reports/ApiKeyActivity.h"

#include "ui/keys/ApiKeyTableModel.h"

#include <QWidget>

class QLabel;
class QPushButton;
class QSortFilterProxyModel;
class QStackedWidget;
class QTableView;

namespace osc {
class Engine;
struct ApiKey;
struct Error;
} // namespace osc

namespace osc::ui {

class ApiKeyTableModel;
class AsyncRunner;
class Sparkline;
class CreateApiKeyDialog;
class InlineErrorLabel;
class PageHeader;
class RateLimitDialog;
class WorkspaceContext;

// Lists, creates, rate-limits and revokes the API keys services use to post usage. Every engine call runs off
// the GUI thread.
class ApiKeysPage : public QWidget
{
    Q_OBJECT

public:
    // Lists the keys of `workspace`'s selection and reloads when it changes.
    ApiKeysPage(osc::Engine &engine, WorkspaceContext &workspace, QWidget *parent = nullptr);

    ApiKeyTableModel *model() const { return m_model; }
    QTableView *tableView() const { return m_table; }
    Sparkline *usageSparkline() const { return m_usageChart; }
    QString usageText() const;
    bool isLoading() const;
    QString errorText() const;
    // Id of the key selected in the table, or empty.
    QString selectedKeyId() const;

public Q_SLOTS:
    void refresh();
    // Opens the (window-modal, self-deleting) create dialog and returns it.
    CreateApiKeyDialog *openCreateDialog();
    // Opens the (window-modal, self-deleting) rate-limit dialog for the selected key, or returns null.
    RateLimitDialog *openRateLimitDialog();
    // Asks for confirmation, then revokes the selected key.
    void revokeSelected();
    // Revokes without asking.
    void revokeKey(const QString &id);

Q_SIGNALS:
    // After each list load that reached the model (successful or not).
    void refreshed();

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateHeader();
    void applyKeys(const QList<osc::ApiKey> &keys, qint64 nowNs, const ApiKeyTableModel::Names &names);
    void applyError(const QString &text);
    void updateContent();
    void updateActions();
    // The selected key's events per day over the last 30 days (loaded with the keys).
    void updateUsage();

    osc::Engine &m_engine;
    WorkspaceContext &m_workspace;
    AsyncRunner *m_loader = nullptr;
    AsyncRunner *m_commands = nullptr;
    ApiKeyTableModel *m_model = nullptr;
    QSortFilterProxyModel *m_proxy = nullptr;
    PageHeader *m_header = nullptr;
    InlineErrorLabel *m_error = nullptr;
    QPushButton *m_createButton = nullptr;
    QPushButton *m_rateLimitButton = nullptr;
    QPushButton *m_revokeButton = nullptr;
    QPushButton *m_refreshButton = nullptr;
    QStackedWidget *m_content = nullptr;
    QTableView *m_table = nullptr;
    QLabel *m_placeholder = nullptr;
    QLabel *m_usageLabel = nullptr;
    Sparkline *m_usageChart = nullptr;
    reports::ApiKeyActivity m_activity;
    QString m_commandError; // from the last revoke; cleared when the next one starts
    bool m_loadedOnce = false;
};

} // namespace osc::ui
