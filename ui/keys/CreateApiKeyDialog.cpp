#include "ui/keys/CreateApiKeyDialog.h"

#include "Engine.h"
#include "auth/Scope.h"
#include "ui/common/AsyncRunner.h"
#include "ui/common/DisplayFormat.h"
#include "ui/common/InlineErrorLabel.h"
#include "ui/common/PageHeader.h"
#include "ui/keys/RateLimitFields.h"

#include <QCheckBox>
#include <QClipboard>
#include <QDateTimeEdit>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace osc::ui {

namespace {
constexpr int kScopeColumns = 3;
constexpr int kDefaultExpiryDays = 90;
} // namespace

CreateApiKeyDialog::CreateApiKeyDialog(Engine &engine, const QString &workspaceId, QWidget *parent)
    : QDialog(parent)
    , m_engine(engine)
    , m_workspaceId(workspaceId)
{
    setObjectName(QStringLiteral("createApiKeyDialog"));
    setWindowTitle(tr("Create API key"));
    m_runner = new AsyncRunner(this);

    // Two steps in one layout, only one visible: a hidden step takes no room, so the dialog can shrink
    // to the short secret step.
    m_formStep = buildFormPage();
    m_secretStep = buildSecretPage();
    m_secretStep->hide();

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_formStep);
    layout->addWidget(m_secretStep);
    resize(560, sizeHint().height());
}

QWidget *CreateApiKeyDialog::buildFormPage()
{
    auto *page = new QWidget(this);

    m_name = new QLineEdit(page);
    m_name->setObjectName(QStringLiteral("keyName"));
    m_name->setPlaceholderText(tr("e.g. billing-service (production)"));

    auto *scopesBox = new QGroupBox(tr("Scopes"), page);
    auto *scopesGrid = new QGridLayout(scopesBox);
    int actionIndex = 0;
    int wildcardIndex = 0;
    QStringList wildcards;
    for (const QString &scope : scopes::all()) {
        if (scope.contains(QLatin1Char('*')))
            wildcards.append(scope);
    }
    const int actionRows = int((scopes::all().size() - wildcards.size() + kScopeColumns - 1) / kScopeColumns);
    auto *wildcardLabel = new QLabel(tr("Wildcards (grant a whole area):"), scopesBox);
    PageHeader::makeMuted(wildcardLabel);
    scopesGrid->addWidget(wildcardLabel, actionRows, 0, 1, kScopeColumns);
    for (const QString &scope : scopes::all()) {
        auto *box = new QCheckBox(scope, scopesBox);
        box->setObjectName(QStringLiteral("scope:") + scope);
        box->setChecked(scopes::defaults().contains(scope));
        m_scopeBoxes.append(box);
        if (wildcards.contains(scope)) {
            const int index = wildcardIndex++;
            scopesGrid->addWidget(box, actionRows + 1 + index / kScopeColumns, index % kScopeColumns);
        } else {
            const int index = actionIndex++;
            scopesGrid->addWidget(box, index / kScopeColumns, index % kScopeColumns);
        }
    }

    m_allowedMeters = new QLineEdit(page);
    m_allowedMeters->setObjectName(QStringLiteral("keyAllowedMeters"));
    m_allowedMeters->setPlaceholderText(
        tr("All meters (or a comma-separated list, e.g. api_calls, storage_gb)"));

    m_expires = new QCheckBox(tr("Expires on"), page);
    m_expires->setObjectName(QStringLiteral("keyExpires"));
    m_expiry = new QDateTimeEdit(QDateTime::currentDateTime().addDays(kDefaultExpiryDays), page);
    m_expiry->setObjectName(QStringLiteral("keyExpiry"));
    m_expiry->setCalendarPopup(true);
    m_expiry->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm"));
    m_expiry->setMinimumDateTime(QDateTime::currentDateTime());
    m_expiry->setEnabled(false);
    connect(m_expires, &QCheckBox::toggled, m_expiry, &QWidget::setEnabled);
    auto *expiryRow = new QHBoxLayout;
    expiryRow->addWidget(m_expires);
    expiryRow->addWidget(m_expiry, 1);

    m_rateLimit = new RateLimitFields(page);

    auto *form = new QFormLayout;
    form->addRow(tr("Name:"), m_name);
    form->addRow(tr("Allowed meters:"), m_allowedMeters);
    form->addRow(tr("Expiry:"), expiryRow);
    form->addRow(tr("Rate limit:"), m_rateLimit);

    m_error = new InlineErrorLabel(page);
    m_error->setObjectName(QStringLiteral("keyError"));

    m_formButtons = new QDialogButtonBox(QDialogButtonBox::Cancel, page);
    auto *createButton = m_formButtons->addButton(tr("Create key"), QDialogButtonBox::AcceptRole);
    createButton->setObjectName(QStringLiteral("submitKeyButton"));
    createButton->setDefault(true);
    connect(m_formButtons, &QDialogButtonBox::accepted, this, &CreateApiKeyDialog::submit);
    connect(m_formButtons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(form);
    layout->addWidget(scopesBox);
    layout->addWidget(m_error);
    layout->addStretch(1);
    layout->addWidget(m_formButtons);
    return page;
}

QWidget *CreateApiKeyDialog::buildSecretPage()
{
    auto *page = new QWidget(this);
    m_createdTitle = new QLabel(page);
    QFont titleFont = m_createdTitle->font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.2);
    m_createdTitle->setFont(titleFont);

    m_secret = new QLineEdit(page);
    m_secret->setObjectName(QStringLiteral("keySecret"));
    m_secret->setReadOnly(true);
    m_secret->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_copyButton = new QPushButton(tr("Copy"), page);
    m_copyButton->setObjectName(QStringLiteral("copySecretButton"));
    connect(m_copyButton, &QPushButton::clicked, this, &CreateApiKeyDialog::copySecret);
    auto *secretRow = new QHBoxLayout;
    secretRow->addWidget(m_secret, 1);
    secretRow->addWidget(m_copyButton);

    auto *warning = new QLabel(tr("Copy this key now. It will not be shown again."), page);
    warning->setObjectName(QStringLiteral("secretWarning"));
    warning->setWordWrap(true);
    warning->setStyleSheet(QStringLiteral("QLabel { background: rgba(255, 193, 7, 0.2); "
                                          "border: 1px solid rgba(204, 150, 0, 0.6); border-radius: 4px; "
                                          "padding: 6px 8px; }"));
    m_copiedNote = new QLabel(page);
    PageHeader::makeMuted(m_copiedNote);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, page);
    buttons->button(QDialogButtonBox::Close)->setText(tr("Done"));
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::accept);

    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_createdTitle);
    layout->addWidget(new QLabel(tr("Send it as <code>Authorization: Bearer &lt;key&gt;</code>."), page));
    layout->addLayout(secretRow);
    layout->addWidget(warning);
    layout->addWidget(m_copiedNote);
    layout->addStretch(1);
    layout->addWidget(buttons);
    return page;
}

ApiKeyDraft CreateApiKeyDialog::draft() const
{
    ApiKeyDraft draft;
    draft.name = m_name->text().trimmed();
    for (const QCheckBox *box : m_scopeBoxes)
        if (box->isChecked())
            draft.scopes.append(box->text());
    for (const QString &part : m_allowedMeters->text().split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const QString meter = part.trimmed();
        if (!meter.isEmpty())
            draft.allowedMeters.append(meter);
    }
    if (m_expires->isChecked())
        draft.expiresAtNs = m_expiry->dateTime().toMSecsSinceEpoch() * 1'000'000;
    draft.rateLimit = m_rateLimit->value();
    return draft;
}

QString CreateApiKeyDialog::secret() const
{
    return m_secret->text();
}

bool CreateApiKeyDialog::isSubmitting() const
{
    return m_runner->isBusy();
}

void CreateApiKeyDialog::submit()
{
    if (m_runner->isBusy())
        return;
    const ApiKeyDraft request = draft();
    if (request.scopes.isEmpty()) {
        m_error->showError(tr("Choose at least one scope."));
        return;
    }
    m_error->clearError();
    setFormEnabled(false);
    Engine &engine = m_engine;
    const QString workspace = m_workspaceId;
    m_runner->run([&engine, workspace, request] { return engine.apiKeys().create(workspace, request); },
        [this](Result<CreatedApiKey> result) {
            setFormEnabled(true);
            if (!result) {
                m_error->showError(errorText(result.error()));
                return;
            }
            showCreated(result.value());
        });
}

void CreateApiKeyDialog::showCreated(const CreatedApiKey &created)
{
    m_createdTitle->setText(tr("API key \u201c%1\u201d created").arg(created.key.name));
    m_secret->setText(created.secret);
    // Wide enough for the whole secret: a key scrolled out of view is easy to copy by hand wrongly.
    m_secret->setMinimumWidth(m_secret->fontMetrics().horizontalAdvance(created.secret) + 24);
    m_formStep->hide();
    m_secretStep->show();
    adjustSize();
    m_copyButton->setFocus();
    Q_EMIT keyCreated(created.key);
}

void CreateApiKeyDialog::copySecret()
{
    QGuiApplication::clipboard()->setText(m_secret->text());
    m_copiedNote->setText(tr("Copied to the clipboard."));
}

void CreateApiKeyDialog::setFormEnabled(bool enabled)
{
    m_formStep->setEnabled(enabled);
    if (auto *create = m_formButtons->findChild<QPushButton *>(QStringLiteral("submitKeyButton")))
        create->setText(enabled ? tr("Create key") : tr("Creating…"));
}

} // namespace osc::ui
