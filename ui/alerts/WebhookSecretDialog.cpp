#include "ui/alerts/WebhookSecretDialog.h"

#include "ui/common/PageHeader.h"

#include <QApplication>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace osc::ui {

WebhookSecretDialog::WebhookSecretDialog(
    const QString &destinationName, const QString &secret, bool rotated, QWidget *parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("webhookSecretDialog"));
    setWindowTitle(rotated ? tr("New signing secret") : tr("Signing secret"));
    auto *title = new QLabel(rotated
            ? tr("The signing secret of \u201c%1\u201d was replaced. Webhooks are signed "
                 "with this one from now on:")
                  .arg(destinationName)
            : tr("\u201c%1\u201d signs every webhook with this secret:").arg(destinationName),
        this);
    title->setWordWrap(true);
    title->setTextFormat(Qt::PlainText); // names are text, never markup
    m_secret = new QLineEdit(secret, this);
    m_secret->setObjectName(QStringLiteral("webhookSecret"));
    m_secret->setReadOnly(true);
    m_secret->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    // Wide enough for the whole secret: one scrolled out of view is easy to copy by hand wrongly.
    m_secret->setMinimumWidth(m_secret->fontMetrics().horizontalAdvance(secret) + 24);
    m_copy = new QPushButton(tr("Copy"), this);
    m_copy->setObjectName(QStringLiteral("copySecretButton"));
    auto *row = new QHBoxLayout;
    row->addWidget(m_secret, 1);
    row->addWidget(m_copy);
    auto *warning
        = new QLabel(tr("Copy it now: it will not be shown again (Rotate secret makes a new one)."), this);
    warning->setObjectName(QStringLiteral("webhookSecretWarning"));
    warning->setWordWrap(true);
    QFont bold = warning->font();
    bold.setBold(true);
    warning->setFont(bold);
    auto *howTo
        = new QLabel(tr("A receiver checks X-Open-Spanner-Signature: \u201cv1=\u201d followed by the hex "
                        "HMAC-SHA256 of \u201c<X-Open-Spanner-Timestamp>.<body>\u201d under this secret."),
            this);
    howTo->setWordWrap(true);
    howTo->setTextFormat(Qt::PlainText); // "<body>" is not a tag
    PageHeader::makeMuted(howTo);
    m_copied = new QLabel(this);
    m_copied->setObjectName(QStringLiteral("secretCopiedNote"));
    PageHeader::makeMuted(m_copied);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::accept);
    connect(m_copy, &QPushButton::clicked, this, &WebhookSecretDialog::copySecret);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(title);
    layout->addLayout(row);
    layout->addWidget(m_copied);
    layout->addWidget(warning);
    layout->addWidget(howTo);
    layout->addWidget(buttons);
}

QString WebhookSecretDialog::secret() const
{
    return m_secret->text();
}

void WebhookSecretDialog::copySecret()
{
    QApplication::clipboard()->setText(m_secret->text());
    m_copied->setText(tr("Copied to the clipboard."));
}

} // namespace osc::ui
