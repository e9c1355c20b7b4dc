#pragma once

#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;

namespace osc {
class Engine;
struct Error;
struct User;
} // namespace osc

namespace osc::ui {

class ApiKeyTableModel;
class AsyncRunner;
class InlineErrorLabel;
class PageHeader;
class UserPasswordDialog;
class UserTableModel;
struct AccountsSnapshot;

// Users & workspaces: the dashboard accounts of this instance, each workspace's API keys (with the user
// who made them), the registration switch, and the console door to add a user or reset a password. The
// console needs no login: it is the owner's machine. Every engine call runs off the GUI thread; failures
// show inline.
class AccountsPage : public QWidget
{
    Q_OBJECT

public:
    explicit AccountsPage(osc::Engine &engine, QWidget *parent = nullptr);
    ~AccountsPage() override;

    UserTableModel *userModel() const { return m_users; }
    ApiKeyTableModel *keyModel() const { return m_keys; }
    QTableView *userTable() const { return m_userTable; }
    QTableView *keyTable() const { return m_keyTable; }
    QCheckBox *registrationToggle() const { return m_registration; }
    QComboBox *keyWorkspaceFilter() const { return m_keyWorkspace; }
    bool isLoading() const;
    QString errorText() const;
    QString noticeText() const;
    QString registrationNote() const;
    // Id of the user selected in the table, or empty.
    QString selectedUserId() const;
    void selectUser(const QString &id);

public Q_SLOTS:
    void refresh();
    // Open the (window-modal, self-deleting) dialogs and return them.
    UserPasswordDialog *openAddUserDialog();
    UserPasswordDialog *openResetPasswordDialog();
    void setRegistrationEnabled(bool enabled);

Q_SIGNALS:
    // After each load that reached the models (successful or not).
    void refreshed();
    // A user (and so a workspace) was added: the workspace switcher should reload.
    void workspacesChanged();
    // After a registration change was stored or refused.
    void registrationSaved();

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void apply(const AccountsSnapshot &snapshot);
    void applyRegistration(bool enabled, bool overridden);
    void applyKeyFilter();
    void updateActions();

    osc::Engine &m_engine;
    AsyncRunner *m_loader = nullptr;
    AsyncRunner *m_commands = nullptr;
    UserTableModel *m_users = nullptr;
    ApiKeyTableModel *m_keys = nullptr;
    QSortFilterProxyModel *m_userProxy = nullptr;
    QSortFilterProxyModel *m_keyProxy = nullptr;
    PageHeader *m_header = nullptr;
    InlineErrorLabel *m_error = nullptr;
    QLabel *m_notice = nullptr;
    QCheckBox *m_registration = nullptr;
    QLabel *m_registrationNote = nullptr;
    QPushButton *m_addButton = nullptr;
    QPushButton *m_resetButton = nullptr;
    QPushButton *m_refreshButton = nullptr;
    QLabel *m_usersTitle = nullptr;
    QLabel *m_keysTitle = nullptr;
    QLabel *m_keyWorkspaceLabel = nullptr;
    QComboBox *m_keyWorkspace = nullptr;
    QTableView *m_userTable = nullptr;
    QTableView *m_keyTable = nullptr;
    QString m_pendingSelection; // a user just added, selected once the reload shows them
    bool m_registrationOverridden = false;
    bool m_registrationEnabled = true;
    bool m_sizedColumns = false;
};

} // namespace osc::ui
