#include "ui/alerts/DestinationDialog.h"

#include "Engine.h"
#include "ui/common/AsyncRunner.h"
#include "ui/common/DisplayFormat.h"
#include "ui/common/InlineErrorLabel.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace osc::ui {

DestinationDialog::DestinationDialog(
    Engine &engine, const Principal &owner, const AlertDestination *existing, QWidget *parent)
    : QDialog(parent)
    , m_engine(engine)
    , m_owner(owner)
{
    setObjectName(QStringLiteral("destinationDialog"));
    setWindowTitle(existing ? tr("Edit destination") : tr("New destination"));
    m_runner = new AsyncRunner(this);
    m_name = new QLineEdit(this);
    m_name->setObjectName(QStringLiteral("destinationNameEdit"));
    m_name->setPlaceholderText(tr("e.g. On-call webhook"));
    m_url = new QLineEdit(this);
    m_url->setObjectName(QStringLiteral("destinationUrlEdit"));
    m_url->setPlaceholderText(QStringLiteral("https://hooks.example.com/open-spanner"));
    m_url->setMinimumWidth(420);
    m_enabled = new QCheckBox(tr("&Enabled: send webhooks to this URL"), this);
    m_enabled->setObjectName(QStringLiteral("destinationEnabledBox"));
    m_enabled->setChecked(true);
    if (existing) {
        m_id = existing->id;
        m_name->setText(existing->name);
        m_url->setText(existing->webhookUrl);
        m_enabled->setChecked(existing->enabled);
    }
    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("Webhook &URL:"), m_url);
    form->addRow(QString(), m_enabled);
    m_error = new InlineErrorLabel(this);
    m_error->setObjectName(QStringLiteral("destinationDialogError"));
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    m_buttons->button(QDialogButtonBox::Save)->setText(existing ? tr("Save") : tr("Create destination"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &DestinationDialog::submit);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addStretch(1);
    layout->addWidget(m_buttons);
}

DestinationDialog::~DestinationDialog() = default;

QString DestinationDialog::errorText() const
{
    return m_error->text();
}

void DestinationDialog::submit()
{
    if (m_runner->isBusy())
        return;
    m_error->clearError();
    m_buttons->button(QDialogButtonBox::Save)->setEnabled(false);
    Engine &engine = m_engine;
    const QString name = m_name->text();
    const QString url = m_url->text().trimmed();
    const bool enabled = m_enabled->isChecked();
    m_runner->run(
        [&engine, owner = m_owner, id = m_id, name, url, enabled]() -> Result<AlertDestination> {
            if (id.isEmpty()) {
                AlertDestinationDraft draft;
                draft.name = name;
                draft.enabled = enabled;
                draft.webhookUrl = url;
                return engine.alerts().createDestination(owner, draft);
            }
            AlertDestinationPatch patch;
            patch.name = name;
            patch.enabled = enabled;
            patch.webhookUrl = url;
            return engine.alerts().updateDestination(owner, id, patch);
        },
        [this](Result<AlertDestination> saved) {
            m_buttons->button(QDialogButtonBox::Save)->setEnabled(true);
            if (!saved) {
                m_error->showError(ui::errorText(saved.error()));
                return;
            }
            Q_EMIT destinationSaved(saved.value(), m_id.isEmpty());
            accept();
        });
}

} // namespace osc::ui
