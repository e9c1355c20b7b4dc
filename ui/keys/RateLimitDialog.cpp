#include "ui/keys/RateLimitDialog.h"

#include "Engine.h"
#include "ui/common/AsyncRunner.h"
#include "ui/common/DisplayFormat.h"
#include "ui/common/InlineErrorLabel.h"
#include "ui/keys/RateLimitFields.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace osc::ui {

RateLimitDialog::RateLimitDialog(Engine &engine, const ApiKey &key, QWidget *parent)
    : QDialog(parent)
    , m_engine(engine)
    , m_workspaceId(key.workspaceId)
    , m_keyId(key.id)
{
    setObjectName(QStringLiteral("rateLimitDialog"));
    setWindowTitle(tr("Rate limit of \u201c%1\u201d").arg(key.name));
    m_runner = new AsyncRunner(this);

    auto *intro = new QLabel(
        tr("Beyond this rate the server answers 429 Too Many Requests with Retry-After, so a runaway "
           "client cannot flood the server. It applies from the key's next request."),
        this);
    intro->setWordWrap(true);
    m_fields = new RateLimitFields(this);
    m_fields->setValue(key.rateLimit);
    m_error = new InlineErrorLabel(this);
    m_error->setObjectName(QStringLiteral("rateLimitError"));

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    m_buttons->button(QDialogButtonBox::Save)->setObjectName(QStringLiteral("saveRateLimitButton"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &RateLimitDialog::save);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(m_fields);
    layout->addWidget(m_error);
    layout->addStretch(1);
    layout->addWidget(m_buttons);
    resize(460, sizeHint().height());
}

bool RateLimitDialog::isSaving() const
{
    return m_runner->isBusy();
}

void RateLimitDialog::save()
{
    if (m_runner->isBusy())
        return;
    m_error->clearError();
    m_buttons->setEnabled(false);
    Engine &engine = m_engine;
    const QString workspace = m_workspaceId;
    const QString id = m_keyId;
    const RateLimit limit = m_fields->value();
    m_runner->run(
        [&engine, workspace, id, limit] { return engine.apiKeys().setRateLimit(workspace, id, limit); },
        [this, limit](Result<bool> result) {
            m_buttons->setEnabled(true);
            if (!result) {
                m_error->showError(errorText(result.error()));
                return;
            }
            if (!result.value()) {
                m_error->showError(tr("This key no longer exists."));
                return;
            }
            Q_EMIT saved(m_keyId, limit);
            accept();
        });
}

} // namespace osc::ui
