#include "ui/keys/ApiKeysPage.h"

#include "Engine.h"
#include "ui/common/AsyncRunner.h"
#include "ui/common/DisplayFormat.h"
#include "ui/common/InlineErrorLabel.h"
#include "ui/common/PageHeader.h"
#include "ui/common/Sparkline.h"
#include "ui/common/WorkspaceContext.h"
#include "ui/keys/ApiKeyTableModel.h"
#include "ui/keys/CreateApiKeyDialog.h"
#include "ui/keys/RateLimitDialog.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QStackedWidget>
#include <QTableView>
#include <QTime>
#include <QVBoxLayout>

namespace osc::ui {

namespace {

struct KeyListing
{
    QList<ApiKey> keys;
    qint64 nowNs = 0;
    ApiKeyTableModel::Names names;
    reports::ApiKeyActivity activity; // events per key and day, last 30 days
};

// Runs on a worker thread: the keys of one workspace, with the emails and names their ids stand for.
Result<KeyListing> loadKeyListing(Engine &engine, const QString &workspaceId)
{
    auto keys = engine.apiKeys().list(workspaceId);
    if (!keys)
        return keys.error();
    KeyListing listing{std::move(keys.value()), engine.clock().nowNs(), {}};
    auto users = engine.accounts().listUsers();
    if (!users)
        return users.error();
    for (const User &user : users.value())
        listing.names.userEmails.insert(user.id, user.email);
    auto workspaces = engine.workspaces();
    if (!workspaces)
        return workspaces.error();
    for (const Workspace &workspace : workspaces.value())
        listing.names.workspaceNames.insert(workspace.id, WorkspaceContext::displayName(workspace));
    auto activity = reports::apiKeyActivity(
        engine.store(), engine.queries(), Principal::owner(workspaceId), TimeNs(listing.nowNs));
    if (!activity)
        return activity.error();
    listing.activity = std::move(activity.value());
    return listing;
}

} // namespace

ApiKeysPage::ApiKeysPage(Engine &engine, WorkspaceContext &workspace, QWidget *parent)
    : QWidget(parent)
    , m_engine(engine)
    , m_workspace(workspace)
{
    m_loader = new AsyncRunner(this);
    m_commands = new AsyncRunner(this);
    m_model = new ApiKeyTableModel(this);
    m_proxy = new QSortFilterProxyModel(this);
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(ApiKeyTableModel::SortRole);

    m_header = new PageHeader(QString(), QString(), this);
    retranslateHeader();
    m_createButton
        = new QPushButton(style()->standardIcon(QStyle::SP_FileDialogNewFolder), tr("Create key…"), this);
    m_createButton->setObjectName(QStringLiteral("createKeyButton"));
    m_rateLimitButton = new QPushButton(tr("Rate limit…"), this);
    m_rateLimitButton->setObjectName(QStringLiteral("rateLimitKeyButton"));
    m_rateLimitButton->setToolTip(tr("Limit how many requests per minute the selected key may make"));
    m_revokeButton
        = new QPushButton(style()->standardIcon(QStyle::SP_DialogCancelButton), tr("Revoke"), this);
    m_revokeButton->setObjectName(QStringLiteral("revokeKeyButton"));
    m_revokeButton->setToolTip(tr("Revoke the selected key; it stops working at once"));
    m_refreshButton = new QPushButton(style()->standardIcon(QStyle::SP_BrowserReload), tr("Refresh"), this);
    m_refreshButton->setObjectName(QStringLiteral("keysRefreshButton"));
    m_refreshButton->setToolTip(tr("Reload the keys (F5)"));
    m_header->addTrailingWidget(m_createButton);
    m_header->addTrailingWidget(m_rateLimitButton);
    m_header->addTrailingWidget(m_revokeButton);
    m_header->addTrailingWidget(m_refreshButton);

    m_error = new InlineErrorLabel(this);
    m_error->setObjectName(QStringLiteral("keysError"));

    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("keysTable"));
    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(ApiKeyTableModel::CreatedColumn, Qt::DescendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->setShowGrid(false);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->setVisible(false);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);

    m_placeholder = new QLabel(this);
    m_placeholder->setObjectName(QStringLiteral("keysEmptyState"));
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setWordWrap(true);
    m_placeholder->setMargin(24);
    PageHeader::makeMuted(m_placeholder);

    m_content = new QStackedWidget(this);
    m_content->addWidget(m_table);
    m_content->addWidget(m_placeholder);

    // The selected key's usage: events per day, oldest left.
    m_usageLabel = new QLabel(this);
    m_usageLabel->setObjectName(QStringLiteral("keysUsageLabel"));
    m_usageChart = new Sparkline(reports::kApiKeyActivityDays, this);
    m_usageChart->setObjectName(QStringLiteral("keysUsageSparkline"));
    m_usageChart->setMinimumWidth(240);
    auto *usageRow = new QHBoxLayout;
    usageRow->addWidget(m_usageLabel);
    usageRow->addWidget(m_usageChart, 1);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_header);
    layout->addWidget(m_error);
    layout->addWidget(m_content, 1);
    layout->addLayout(usageRow);

    connect(m_createButton, &QPushButton::clicked, this, &ApiKeysPage::openCreateDialog);
    connect(m_rateLimitButton, &QPushButton::clicked, this, &ApiKeysPage::openRateLimitDialog);
    connect(m_revokeButton, &QPushButton::clicked, this, &ApiKeysPage::revokeSelected);
    connect(m_refreshButton, &QPushButton::clicked, this, &ApiKeysPage::refresh);
    connect(
        m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, &ApiKeysPage::updateActions);
    connect(
        m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, &ApiKeysPage::updateUsage);
    connect(m_loader, &AsyncRunner::busyChanged, this, [this](bool busy) {
        if (busy)
            m_header->setStatusText(tr("Loading…"));
        m_refreshButton->setEnabled(!busy);
    });
    connect(m_commands, &AsyncRunner::busyChanged, this, &ApiKeysPage::updateActions);
    // Another workspace: its keys; a revoke error about the previous one no longer applies.
    connect(&m_workspace, &WorkspaceContext::workspaceChanged, this, [this] {
        m_commandError.clear();
        m_error->clearError();
        m_loadedOnce = false; // size the columns to this workspace's owners and names
        refresh();
    });

    refresh();
    updateContent();
    updateActions();
}

bool ApiKeysPage::isLoading() const
{
    return m_loader->isBusy();
}

QString ApiKeysPage::errorText() const
{
    return m_error->text();
}

QString ApiKeysPage::selectedKeyId() const
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return {};
    return rows.first().data(ApiKeyTableModel::KeyIdRole).toString();
}

void ApiKeysPage::refresh()
{
    Engine &engine = m_engine;
    m_loader->run(
        [&engine, workspaceId = m_workspace.workspaceId()] { return loadKeyListing(engine, workspaceId); },
        [this](Result<KeyListing> result) {
            if (result) {
                m_error->showError(m_commandError); // a failed revoke stays visible across its refresh
                m_activity = std::move(result->activity);
                applyKeys(result->keys, result->nowNs, result->names);
            } else {
                applyError(tr("Could not load API keys: %1").arg(ui::errorText(result.error())));
                m_header->setStatusText(tr("Load failed"));
            }
            Q_EMIT refreshed();
        });
}

CreateApiKeyDialog *ApiKeysPage::openCreateDialog()
{
    auto *dialog = new CreateApiKeyDialog(m_engine, m_workspace.workspaceId(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &CreateApiKeyDialog::keyCreated, this, &ApiKeysPage::refresh);
    dialog->open();
    return dialog;
}

RateLimitDialog *ApiKeysPage::openRateLimitDialog()
{
    const int row = m_model->rowOfKey(selectedKeyId());
    if (row < 0)
        return nullptr;
    auto *dialog = new RateLimitDialog(m_engine, m_model->keyAt(row), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &RateLimitDialog::saved, this, &ApiKeysPage::refresh);
    dialog->open();
    return dialog;
}

void ApiKeysPage::revokeSelected()
{
    const QString id = selectedKeyId();
    const int row = m_model->rowOfKey(id);
    if (row < 0)
        return;
    const QString name = m_model->keyAt(row).name;
    const auto answer = QMessageBox::question(this, tr("Revoke API key"),
        tr("Revoke \u201c%1\u201d? Services using it will get 401 Unauthorized at once. This cannot be "
           "undone.")
            .arg(name),
        QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
    if (answer == QMessageBox::Yes)
        revokeKey(id);
}

void ApiKeysPage::revokeKey(const QString &id)
{
    m_commandError.clear();
    Engine &engine = m_engine;
    m_commands->run([&engine, workspaceId = m_workspace.workspaceId(),
                        id] { return engine.apiKeys().revoke(workspaceId, id); },
        [this](Result<bool> result) {
            if (!result)
                m_commandError = tr("Could not revoke the key: %1").arg(ui::errorText(result.error()));
            else if (!result.value())
                m_commandError = tr("That key no longer exists.");
            if (!m_commandError.isEmpty())
                applyError(m_commandError);
            refresh();
        });
}

void ApiKeysPage::applyKeys(const QList<ApiKey> &keys, qint64 nowNs, const ApiKeyTableModel::Names &names)
{
    const QString selected = selectedKeyId();
    m_model->setKeys(keys, nowNs, names);
    if (!m_loadedOnce && !keys.isEmpty()) {
        m_loadedOnce = true;
        m_table->resizeColumnsToContents();
        // Scopes can be long; their tooltip lists them all, so keep the status column in view instead.
        for (int column = 0; column < ApiKeyTableModel::ColumnCount; ++column) {
            const int cap = column == ApiKeyTableModel::ScopesColumn ? 170 : 240;
            m_table->setColumnWidth(column, qMin(m_table->columnWidth(column) + 8, cap));
        }
    }
    if (const int row = m_model->rowOfKey(selected); row >= 0)
        m_table->selectRow(m_proxy->mapFromSource(m_model->index(row, 0)).row());
    const QString time = QTime::currentTime().toString(QStringLiteral("HH:mm:ss"));
    m_header->setStatusText(keys.size() == 1 ? tr("1 key · updated %1").arg(time)
                                             : tr("%1 keys · updated %2").arg(keys.size()).arg(time));
    updateContent();
    updateActions();
    updateUsage();
}

void ApiKeysPage::updateUsage()
{
    const QString id = selectedKeyId();
    m_usageChart->clear();
    if (id.isEmpty()) {
        m_usageLabel->setText(tr("Select a key to see its usage over the last 30 days."));
        return;
    }
    const QList<qint64> days = m_activity.value(id, QList<qint64>(reports::kApiKeyActivityDays, 0));
    qint64 total = 0;
    for (const qint64 events : days) {
        m_usageChart->addSample(double(events));
        total += events;
    }
    const int row = m_model->rowOfKey(id);
    const QString name = row >= 0 ? m_model->index(row, ApiKeyTableModel::NameColumn).data().toString() : id;
    m_usageLabel->setText(total == 1 ? tr("%1: 1 event in the last 30 days").arg(name)
                                     : tr("%1: %2 events in the last 30 days").arg(name).arg(total));
}

QString ApiKeysPage::usageText() const
{
    return m_usageLabel->text();
}

void ApiKeysPage::applyError(const QString &text)
{
    m_error->showError(text);
    updateContent();
}

void ApiKeysPage::updateContent()
{
    if (m_model->rowCount() > 0) {
        m_content->setCurrentWidget(m_table);
        return;
    }
    if (m_loader->isBusy() && m_error->text().isEmpty())
        m_placeholder->setText(tr("Loading API keys…"));
    else
        m_placeholder->setText(tr("No API keys yet. Create one to let a service or SDK post usage to this "
                                  "console."));
    m_content->setCurrentWidget(m_placeholder);
}

void ApiKeysPage::updateActions()
{
    const int row = m_model->rowOfKey(selectedKeyId());
    const bool revocable = row >= 0 && m_model->statusAt(row) != ApiKeyTableModel::KeyStatus::Revoked;
    m_revokeButton->setEnabled(revocable && !m_commands->isBusy());
    m_rateLimitButton->setEnabled(revocable);
}

void ApiKeysPage::retranslateHeader()
{
    m_header->setTitle(tr("API keys"));
    m_header->setDescription(tr("Keys let services and SDKs call this console's REST API. Secrets are shown "
                                "once, when the key is created."));
}

void ApiKeysPage::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::LanguageChange)
        retranslateHeader();
}

} // namespace osc::ui
