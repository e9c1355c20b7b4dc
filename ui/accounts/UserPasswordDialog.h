#pragma once

#include "model/Account.h"

#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QLineEdit;

namespace osc {
class Engine;
}

namespace osc::ui {

class AsyncRunner;
class InlineErrorLabel;

// The console door to accounts: add a user (always allowed, even with registration closed), or set a
// new password for one who forgot theirs. The engine validates and hashes off the GUI thread; its
// message appears inline and the form stays editable.
class UserPasswordDialog : public QDialog
{
    Q_OBJECT

public:
    // Add mode: email, password, confirmation.
    explicit UserPasswordDialog(osc::Engine &engine, QWidget *parent = nullptr);
    // Reset mode for `user`: password and confirmation.
    UserPasswordDialog(osc::Engine &engine, const osc::User &user, QWidget *parent = nullptr);

    bool isResetting() const { return !m_user.id.isEmpty(); }
    bool isSubmitting() const;
    QString errorText() const;

    QLineEdit *emailEdit() const { return m_email; }
    QLineEdit *passwordEdit() const { return m_password; }
    QLineEdit *confirmEdit() const { return m_confirm; }

public Q_SLOTS:
    void submit();

Q_SIGNALS:
    void userAdded(const osc::User &user);
    // The user's sessions have ended with it.
    void passwordReset(const osc::User &user);

private:
    void build();
    void setSubmitting(bool submitting);

    osc::Engine &m_engine;
    osc::User m_user; // empty in add mode
    AsyncRunner *m_runner = nullptr;
    QLineEdit *m_email = nullptr;
    QLineEdit *m_password = nullptr;
    QLineEdit *m_confirm = nullptr;
    InlineErrorLabel *m_error = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};

} // namespace osc::ui
