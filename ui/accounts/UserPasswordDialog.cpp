#include "ui/accounts/UserPasswordDialog.h"

#include "Engine.h"
#include "ui/common/AsyncRunner.h"
#include "ui/common/DisplayFormat.h"
#include "ui/common/InlineErrorLabel.h"
#include "ui/common/PageHeader.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace osc::ui {

UserPasswordDialog::UserPasswordDialog(Engine &engine, QWidget *parent)
    : QDialog(parent)
    , m_engine(engine)
{
    setObjectName(QStringLiteral("addUserDialog"));
    setWindowTitle(tr("Add user"));
    build();
}

UserPasswordDialog::UserPasswordDialog(Engine &engine, const User &user, QWidget *parent)
    : QDialog(parent)
    , m_engine(engine)
    , m_user(user)
{
    setObjectName(QStringLiteral("resetPasswordDialog"));
    setWindowTitle(tr("Reset password"));
    build();
}

void UserPasswordDialog::build()
{
    m_runner = new AsyncRunner(this);
    auto *intro = new QLabel(this);
    intro->setWordWrap(true);
    if (isResetting())
        intro->setText(tr("Set a new password for %1. Everywhere they are signed in, they are signed out "
                          "and must log in with the new password.")
                           .arg(m_user.email));
    else
        intro->setText(tr("The user can log in to the REST API's dashboard routes and gets a workspace of "
                          "their own. Adding users here works even while registration is closed."));
    PageHeader::makeMuted(intro);

    m_email = new QLineEdit(this);
    m_email->setObjectName(QStringLiteral("userEmail"));
    m_email->setPlaceholderText(tr("name@example.com"));
    m_password = new QLineEdit(this);
    m_password->setObjectName(QStringLiteral("userPassword"));
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setPlaceholderText(tr("at least 8 characters"));
    m_confirm = new QLineEdit(this);
    m_confirm->setObjectName(QStringLiteral("userPasswordConfirm"));
    m_confirm->setEchoMode(QLineEdit::Password);

    auto *form = new QFormLayout;
    if (isResetting())
        m_email->hide(); // the intro names the user
    else
        form->addRow(tr("Email:"), m_email);
    form->addRow(isResetting() ? tr("New password:") : tr("Password:"), m_password);
    form->addRow(tr("Repeat password:"), m_confirm);

    m_error = new InlineErrorLabel(this);
    m_error->setObjectName(QStringLiteral("userDialogError"));

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    QPushButton *ok = m_buttons->button(QDialogButtonBox::Ok);
    ok->setObjectName(QStringLiteral("submitUserButton"));
    ok->setText(isResetting() ? tr("Reset password") : tr("Add user"));
    // Enter submits through submit(), never straight to accept().
    connect(m_buttons, &QDialogButtonBox::accepted, this, &UserPasswordDialog::submit);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addStretch(1);
    layout->addWidget(m_buttons);
    resize(460, sizeHint().height());
}

bool UserPasswordDialog::isSubmitting() const
{
    return m_runner->isBusy();
}

QString UserPasswordDialog::errorText() const
{
    return m_error->text();
}

void UserPasswordDialog::submit()
{
    if (m_runner->isBusy())
        return;
    const QString password = m_password->text();
    // Only the console sees both fields; the engine checks everything else (length, email shape).
    if (password != m_confirm->text()) {
        m_error->showError(tr("The two passwords differ."));
        m_confirm->setFocus();
        return;
    }
    m_error->clearError();
    setSubmitting(true);
    Engine &engine = m_engine;
    if (isResetting()) {
        m_runner->run(
            [&engine, id = m_user.id, password] { return engine.accounts().resetPassword(id, password); },
            [this](Status result) {
                setSubmitting(false);
                if (!result) {
                    m_error->showError(ui::errorText(result.error()));
                    return;
                }
                Q_EMIT passwordReset(m_user);
                accept();
            });
        return;
    }
    m_runner->run(
        [&engine, email = m_email->text(), password] {
            return engine.accounts().registerUser(email, password, AccountService::Door::Console);
        },
        [this](Result<User> result) {
            setSubmitting(false);
            if (!result) {
                m_error->showError(ui::errorText(result.error()));
                return;
            }
            Q_EMIT userAdded(result.value());
            accept();
        });
}

void UserPasswordDialog::setSubmitting(bool submitting)
{
    m_email->setEnabled(!submitting);
    m_password->setEnabled(!submitting);
    m_confirm->setEnabled(!submitting);
    QPushButton *ok = m_buttons->button(QDialogButtonBox::Ok);
    ok->setEnabled(!submitting);
    if (submitting)
        ok->setText(tr("Saving…"));
    else
        ok->setText(isResetting() ? tr("Reset password") : tr("Add user"));
}

} // namespace osc::ui
