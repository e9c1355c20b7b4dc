#include "ui/accounts/AccountsPage.h"

#include "Engine.h"
#include "ui/accounts/UserPasswordDialog.h"
#include "ui/accounts/UserTableModel.h"
#include "ui/common/AsyncRunner.h"
#include "ui/common/DisplayFormat.h"
#include "ui/common/InlineErrorLabel.h"
#include "ui/common/ListTable.h"
#include "ui/common/PageHeader.h"
#include "ui/common/WorkspaceContext.h"
#include "ui/keys/ApiKeyTableModel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QPushButton>
#include <QRegularExpression>
#include <QSignalBlocker>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QTime>
#include <QVBoxLayout>

namespace osc::ui {

// Everything the page shows, read in one go on a worker thread.
struct AccountsSnapshot
{
    QList<User> users;
    QList<Workspace> workspaces; // default first
    QList<Membership> memberships;
    QList<ApiKey> keys; // of every workspace, in workspace order
    ApiKeyTableModel::Names names;
    qint64 nowNs = 0;
    bool registrationEnabled = true;
    bool registrationOverridden = false;
};

namespace {

Result<AccountsSnapshot> loadSnapshot(Engine &engine)
{
    AccountsSnapshot snapshot;
    AccountService &accounts = engine.accounts();
    auto users = accounts.listUsers();
    if (!users)
        return users.error();
    snapshot.users = std::move(users.value());
    auto workspaces = engine.workspaces();
    if (!workspaces)
        return workspaces.error();
    snapshot.workspaces = std::move(workspaces.value());
    auto memberships = accounts.listMemberships();
    if (!memberships)
        return memberships.error();
    snapshot.memberships = std::move(memberships.value());
    for (const Workspace &workspace : snapshot.workspaces) {
        auto keys = engine.apiKeys().list(workspace.id);
        if (!keys)
            return keys.error();
        snapshot.keys += keys.value();
        snapshot.names.workspaceNames.insert(workspace.id, WorkspaceContext::displayName(workspace));
    }
    for (const User &user : snapshot.users)
        snapshot.names.userEmails.insert(user.id, user.email);
    auto open = accounts.registrationEnabled();
    if (!open)
        return open.error();
    snapshot.registrationEnabled = open.value();
    snapshot.registrationOverridden = accounts.registrationOverridden();
    snapshot.nowNs = engine.clock().nowNs();
    return snapshot;
}

} // namespace

AccountsPage::AccountsPage(Engine &engine, QWidget *parent)
    : QWidget(parent)
    , m_engine(engine)
{
    m_loader = new AsyncRunner(this);
    m_commands = new AsyncRunner(this);
    m_users = new UserTableModel(this);
    m_userProxy = new QSortFilterProxyModel(this);
    m_userProxy->setSourceModel(m_users);
    m_userProxy->setSortRole(UserTableModel::SortRole);
    m_keys = new ApiKeyTableModel(this);
    m_keyProxy = new QSortFilterProxyModel(this);
    m_keyProxy->setSourceModel(m_keys);
    m_keyProxy->setSortRole(ApiKeyTableModel::SortRole);
    m_keyProxy->setFilterRole(ApiKeyTableModel::WorkspaceIdRole);

    m_header = new PageHeader(QString(), QString(), this);
    m_addButton = new QPushButton(style()->standardIcon(QStyle::SP_FileDialogNewFolder), QString(), this);
    m_addButton->setObjectName(QStringLiteral("addUserButton"));
    m_resetButton = new QPushButton(style()->standardIcon(QStyle::SP_DialogResetButton), QString(), this);
    m_resetButton->setObjectName(QStringLiteral("resetPasswordButton"));
    m_refreshButton = new QPushButton(style()->standardIcon(QStyle::SP_BrowserReload), QString(), this);
    m_refreshButton->setObjectName(QStringLiteral("accountsRefreshButton"));
    m_header->addTrailingWidget(m_addButton);
    m_header->addTrailingWidget(m_resetButton);
    m_header->addTrailingWidget(m_refreshButton);

    m_error = new InlineErrorLabel(this);
    m_error->setObjectName(QStringLiteral("accountsError"));
    m_notice = new QLabel(this);
    m_notice->setObjectName(QStringLiteral("accountsNotice"));
    m_notice->setWordWrap(true);
    m_notice->hide();

    m_registration = new QCheckBox(this);
    m_registration->setObjectName(QStringLiteral("registrationToggle"));
    m_registrationNote = new QLabel(this);
    m_registrationNote->setObjectName(QStringLiteral("registrationNote"));
    m_registrationNote->setWordWrap(true);
    PageHeader::makeMuted(m_registrationNote);
    auto *registrationRow = new QVBoxLayout;
    registrationRow->setSpacing(2);
    // Only as wide as its text: a click in the empty row beside it must not flip the setting.
    registrationRow->addWidget(m_registration, 0, Qt::AlignLeft);
    registrationRow->addWidget(m_registrationNote);

    m_userTable = makeListTable(m_userProxy, QStringLiteral("usersTable"), this);
    m_userTable->setSortingEnabled(true);
    m_userTable->sortByColumn(UserTableModel::EmailColumn, Qt::AscendingOrder);
    m_keyTable = makeListTable(m_keyProxy, QStringLiteral("workspaceKeysTable"), this);
    m_keyTable->setSortingEnabled(true);
    m_keyTable->sortByColumn(ApiKeyTableModel::WorkspaceColumn, Qt::AscendingOrder);
    m_keyTable->setSelectionMode(QAbstractItemView::NoSelection);
    // Who made which key, with what access, and whether it works: the API keys page has the rest.
    for (const int column : {ApiKeyTableModel::AllowedMetersColumn, ApiKeyTableModel::RateLimitColumn,
             ApiKeyTableModel::CreatedColumn, ApiKeyTableModel::LastUsedColumn,
             ApiKeyTableModel::ExpiresColumn})
        m_keyTable->setColumnHidden(column, true);

    m_usersTitle = makeSectionTitle(this);
    m_keysTitle = makeSectionTitle(this);
    m_keyWorkspaceLabel = new QLabel(this);
    m_keyWorkspace = new QComboBox(this);
    m_keyWorkspace->setObjectName(QStringLiteral("keyWorkspaceFilter"));
    m_keyWorkspace->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_keyWorkspace->setMinimumContentsLength(18);
    m_keyWorkspaceLabel->setBuddy(m_keyWorkspace);

    auto *usersPanel = new QWidget(this);
    auto *usersLayout = new QVBoxLayout(usersPanel);
    usersLayout->setContentsMargins(0, 0, 0, 0);
    usersLayout->addWidget(m_usersTitle);
    usersLayout->addWidget(m_userTable, 1);

    auto *keysPanel = new QWidget(this);
    auto *keysLayout = new QVBoxLayout(keysPanel);
    keysLayout->setContentsMargins(0, 0, 0, 0);
    auto *keysHeading = new QHBoxLayout;
    keysHeading->addWidget(m_keysTitle);
    keysHeading->addStretch(1);
    keysHeading->addWidget(m_keyWorkspaceLabel);
    keysHeading->addWidget(m_keyWorkspace);
    keysLayout->addLayout(keysHeading);
    keysLayout->addWidget(m_keyTable, 1);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->setObjectName(QStringLiteral("accountsSplitter"));
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(usersPanel);
    splitter->addWidget(keysPanel);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_header);
    layout->addWidget(m_error);
    layout->addWidget(m_notice);
    layout->addLayout(registrationRow);
    layout->addSpacing(6);
    layout->addWidget(splitter, 1);

    connect(m_addButton, &QPushButton::clicked, this, &AccountsPage::openAddUserDialog);
    connect(m_resetButton, &QPushButton::clicked, this, &AccountsPage::openResetPasswordDialog);
    connect(m_refreshButton, &QPushButton::clicked, this, &AccountsPage::refresh);
    connect(m_userTable, &QTableView::doubleClicked, this, &AccountsPage::openResetPasswordDialog);
    connect(m_userTable->selectionModel(), &QItemSelectionModel::selectionChanged, this,
        &AccountsPage::updateActions);
    // clicked, not toggled: only the user's click stores a setting, never a reload that sets the box.
    connect(m_registration, &QCheckBox::clicked, this, &AccountsPage::setRegistrationEnabled);
    connect(m_keyWorkspace, &QComboBox::currentIndexChanged, this, &AccountsPage::applyKeyFilter);
    connect(m_loader, &AsyncRunner::busyChanged, this, [this](bool busy) {
        if (busy)
            m_header->setStatusText(tr("Loading…"));
        m_refreshButton->setEnabled(!busy);
    });
    connect(m_commands, &AsyncRunner::busyChanged, this, &AccountsPage::updateActions);

    retranslateUi();
    updateActions();
    refresh();
}

AccountsPage::~AccountsPage() = default;

bool AccountsPage::isLoading() const
{
    return m_loader->isBusy();
}

QString AccountsPage::errorText() const
{
    return m_error->text();
}

QString AccountsPage::noticeText() const
{
    return m_notice->isHidden() ? QString() : m_notice->text();
}

QString AccountsPage::registrationNote() const
{
    return m_registrationNote->text();
}

QString AccountsPage::selectedUserId() const
{
    const QModelIndexList rows = m_userTable->selectionModel()->selectedRows();
    return rows.isEmpty() ? QString() : rows.first().data(UserTableModel::UserIdRole).toString();
}

void AccountsPage::selectUser(const QString &id)
{
    const int row = m_users->rowOfUser(id);
    if (row >= 0)
        m_userTable->selectRow(m_userProxy->mapFromSource(m_users->index(row, 0)).row());
}

void AccountsPage::refresh()
{
    Engine &engine = m_engine;
    m_loader->run([&engine] { return loadSnapshot(engine); },
        [this](Result<AccountsSnapshot> result) {
            if (result) {
                m_error->clearError();
                apply(result.value());
            } else {
                m_error->showError(
                    tr("Could not load users and workspaces: %1").arg(ui::errorText(result.error())));
                m_header->setStatusText(tr("Load failed"));
            }
            Q_EMIT refreshed();
        });
}

void AccountsPage::apply(const AccountsSnapshot &snapshot)
{
    const QString selected = m_pendingSelection.isEmpty() ? selectedUserId() : m_pendingSelection;
    m_pendingSelection.clear();
    m_users->setAccounts(snapshot.users, snapshot.workspaces, snapshot.memberships);
    m_keys->setKeys(snapshot.keys, snapshot.nowNs, snapshot.names);
    {
        // Repopulating must not refilter once per item; the filter is applied once below.
        const QSignalBlocker blocker(m_keyWorkspace);
        const QString previous = m_keyWorkspace->currentData().toString();
        m_keyWorkspace->clear();
        m_keyWorkspace->addItem(tr("All workspaces"), QString());
        for (const Workspace &workspace : snapshot.workspaces)
            m_keyWorkspace->addItem(WorkspaceContext::displayName(workspace), workspace.id);
        m_keyWorkspace->setCurrentIndex(qMax(0, m_keyWorkspace->findData(previous)));
    }
    applyKeyFilter();
    applyRegistration(snapshot.registrationEnabled, snapshot.registrationOverridden);
    if (!m_sizedColumns && !snapshot.users.isEmpty()) {
        m_sizedColumns = true;
        m_userTable->resizeColumnsToContents();
        m_keyTable->resizeColumnsToContents();
        // Long scope lists have a tooltip; keep status in view instead.
        for (int column = 0; column < ApiKeyTableModel::ColumnCount; ++column) {
            const int cap = column == ApiKeyTableModel::ScopesColumn ? 170 : 220;
            m_keyTable->setColumnWidth(column, qMin(m_keyTable->columnWidth(column) + 8, cap));
        }
        for (int column = 0; column < UserTableModel::ColumnCount; ++column)
            m_userTable->setColumnWidth(column, qMin(m_userTable->columnWidth(column) + 16, 280));
    }
    selectUser(selected);
    const QString time = QTime::currentTime().toString(QStringLiteral("HH:mm:ss"));
    m_header->setStatusText(snapshot.users.size() == 1
            ? tr("1 user · updated %1").arg(time)
            : tr("%1 users · updated %2").arg(snapshot.users.size()).arg(time));
    updateActions();
}

void AccountsPage::applyKeyFilter()
{
    // By id: two users with the same local part have workspaces of the same name.
    const QString id = m_keyWorkspace->currentData().toString();
    if (id.isEmpty())
        m_keyProxy->setFilterFixedString(QString());
    else
        m_keyProxy->setFilterRegularExpression(
            QRegularExpression(QStringLiteral("^%1$").arg(QRegularExpression::escape(id))));
}

void AccountsPage::applyRegistration(bool enabled, bool overridden)
{
    m_registrationEnabled = enabled;
    m_registrationOverridden = overridden;
    m_registration->setChecked(enabled);
    retranslateUi();
    updateActions();
}

void AccountsPage::setRegistrationEnabled(bool enabled)
{
    if (m_registrationOverridden)
        return;
    m_error->clearError();
    Engine &engine = m_engine;
    m_commands->run([&engine, enabled] { return engine.accounts().setRegistrationEnabled(enabled); },
        [this, enabled](Status result) {
            if (result) {
                applyRegistration(enabled, m_registrationOverridden);
            } else {
                m_error->showError(
                    tr("Could not change registration: %1").arg(ui::errorText(result.error())));
                applyRegistration(!enabled, m_registrationOverridden);
            }
            Q_EMIT registrationSaved();
        });
}

UserPasswordDialog *AccountsPage::openAddUserDialog()
{
    auto *dialog = new UserPasswordDialog(m_engine, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &UserPasswordDialog::userAdded, this, [this](const User &user) {
        m_notice->setText(tr("Added %1 with a workspace of their own.").arg(user.email));
        m_notice->show();
        m_pendingSelection = user.id;
        refresh();
        Q_EMIT workspacesChanged();
    });
    dialog->open();
    return dialog;
}

UserPasswordDialog *AccountsPage::openResetPasswordDialog()
{
    const int row = m_users->rowOfUser(selectedUserId());
    if (row < 0)
        return nullptr;
    auto *dialog = new UserPasswordDialog(m_engine, m_users->userAt(row), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &UserPasswordDialog::passwordReset, this, [this](const User &user) {
        m_notice->setText(tr("New password set for %1; their sessions have ended.").arg(user.email));
        m_notice->show();
    });
    dialog->open();
    return dialog;
}

void AccountsPage::updateActions()
{
    m_resetButton->setEnabled(m_users->rowOfUser(selectedUserId()) >= 0);
    m_registration->setEnabled(!m_registrationOverridden && !m_commands->isBusy());
}

void AccountsPage::retranslateUi()
{
    m_header->setTitle(tr("Users & workspaces"));
    m_header->setDescription(tr("Dashboard accounts of this instance and the workspaces they own. This "
                                "window needs no login: it administers its own instance."));
    m_addButton->setText(tr("Add user…"));
    m_addButton->setToolTip(tr("Add a dashboard user; allowed even while registration is closed"));
    m_resetButton->setText(tr("Reset password…"));
    m_resetButton->setToolTip(tr("Set a new password for the selected user and end their sessions"));
    m_refreshButton->setText(tr("Refresh"));
    m_refreshButton->setToolTip(tr("Reload users, workspaces and keys (F5)"));
    m_registration->setText(tr("Registration open"));
    if (m_registrationOverridden)
        m_registrationNote->setText(
            tr("Set to \u201c%1\u201d by OPEN_SPANNER_REGISTRATION or --registration for this run, which "
               "wins over "
               "this switch. Change it there; without it, the stored setting applies again.")
                .arg(m_registrationEnabled ? tr("open") : tr("closed")));
    else
        m_registrationNote->setText(m_registrationEnabled
                ? tr("Anyone who can reach the REST API may create an account (POST /v1/auth/users).")
                : tr("POST /v1/auth/users is refused; existing users still log in, and you can add "
                     "users here."));
    m_usersTitle->setText(tr("Users"));
    m_keysTitle->setText(tr("API keys by workspace"));
    // Not "&Workspace:": Alt+W belongs to the window's workspace switcher.
    m_keyWorkspaceLabel->setText(tr("Keys &of:"));
    if (m_keyWorkspace->count() > 0)
        m_keyWorkspace->setItemText(0, tr("All workspaces"));
}

void AccountsPage::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
}

} // namespace osc::ui
