#include "ui/plans/PlanEditorDialog.h"

#include "Engine.h"
#include "ui/common/AsyncRunner.h"
#include "ui/common/InlineErrorLabel.h"
#include "ui/common/PageHeader.h"
#include "ui/plans/PlanPreviewDialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>

namespace osc::ui {

namespace {

// Shows 1000 rather than 1000.00: most limits are whole numbers, a few (gigabytes) are not.
class QuantitySpinBox : public QDoubleSpinBox
{
public:
    using QDoubleSpinBox::QDoubleSpinBox;

    QString textFromValue(double value) const override
    {
        QString text = locale().toString(value, 'f', decimals());
        text.remove(locale().groupSeparator());
        if (text.contains(locale().decimalPoint()))
            text.remove(QRegularExpression(QStringLiteral("\\%1?0+$").arg(locale().decimalPoint())));
        return text;
    }
};

} // namespace

PlanEditorDialog::PlanEditorDialog(
    Engine &engine, const Principal &owner, const QList<Meter> &meters, const Plan *plan, QWidget *parent)
    : QDialog(parent)
    , m_engine(engine)
    , m_owner(owner)
{
    setObjectName(QStringLiteral("planEditorDialog"));
    for (const Meter &meter : meters)
        m_meterNames.append(meter.name);
    if (plan)
        for (const PlanLimit &limit : plan->limits)
            if (!m_meterNames.contains(limit.meter))
                m_meterNames.append(limit.meter); // deleted since: still shown, the engine says why
    m_runner = new AsyncRunner(this);

    m_name = new QLineEdit(this);
    m_name->setObjectName(QStringLiteral("planNameEdit"));
    m_name->setPlaceholderText(tr("e.g. Starter"));
    m_name->setMaxLength(kMaxPlanNameLength);
    m_nameError = new InlineErrorLabel(this);
    m_nameError->setObjectName(QStringLiteral("planNameError"));
    m_description = new QLineEdit(this);
    m_description->setObjectName(QStringLiteral("planDescriptionEdit"));
    m_description->setPlaceholderText(tr("Optional; shown as the plan's tooltip"));

    m_limits = new QTableWidget(0, LimitColumnCount, this);
    m_limits->setObjectName(QStringLiteral("planLimitsTable"));
    m_limits->setHorizontalHeaderLabels({tr("Meter"), tr("Period"), tr("Limit"), tr("Warning at")});
    m_limits->verticalHeader()->setVisible(false);
    m_limits->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_limits->setSelectionMode(QAbstractItemView::SingleSelection);
    m_limits->setShowGrid(false);
    m_limits->horizontalHeader()->setSectionResizeMode(MeterColumn, QHeaderView::Stretch);
    m_limits->setColumnWidth(PeriodColumn, 120);
    m_limits->setColumnWidth(LimitValueColumn, 140);
    m_limits->setColumnWidth(WarningColumn, 110);
    m_limits->verticalHeader()->setDefaultSectionSize(34);
    m_limitsError = new InlineErrorLabel(this);
    m_limitsError->setObjectName(QStringLiteral("planLimitsError"));
    m_addLimit = new QPushButton(tr("Add limit"), this);
    m_addLimit->setObjectName(QStringLiteral("addLimitButton"));
    m_removeLimit = new QPushButton(tr("Remove limit"), this);
    m_removeLimit->setObjectName(QStringLiteral("removeLimitButton"));
    m_error = new InlineErrorLabel(this);
    m_error->setObjectName(QStringLiteral("planEditorError"));

    auto *note = new QLabel(this);
    note->setWordWrap(true);
    PageHeader::makeMuted(note);
    note->setText(plan
            ? tr("Saving creates version %1; subjects on this plan move to it and keep their billing "
                 "periods. You see the effect on each of them before anything is saved.")
                  .arg(plan->version + 1)
            : tr("A limit counts a meter's usage per period (from the day a subject is assigned) and warns "
                 "at the given percent."));

    auto *form = new QFormLayout;
    form->addRow(tr("&Name:"), m_name);
    form->addRow(QString(), m_nameError);
    form->addRow(tr("&Description:"), m_description);

    auto *limitButtons = new QHBoxLayout;
    limitButtons->addWidget(m_addLimit);
    limitButtons->addWidget(m_removeLimit);
    limitButtons->addStretch(1);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_saveButton
        = buttons->addButton(plan ? tr("Review and save…") : tr("Create plan"), QDialogButtonBox::AcceptRole);
    m_saveButton->setObjectName(QStringLiteral("savePlanButton"));
    m_saveButton->setDefault(true);
    connect(buttons, &QDialogButtonBox::accepted, this, &PlanEditorDialog::submit);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_addLimit, &QPushButton::clicked, this,
        [this] { addLimit(m_meterNames.value(0), PlanPeriod::Month, 1000, kDefaultWarningPercent); });
    // The selected row, else the last: cell editors take the clicks, so a row is rarely "selected".
    connect(m_removeLimit, &QPushButton::clicked, this, [this] {
        removeLimit(m_limits->currentRow() >= 0 ? m_limits->currentRow() : m_limits->rowCount() - 1);
    });
    connect(m_limits, &QTableWidget::currentCellChanged, this, &PlanEditorDialog::updateButtons);
    connect(m_runner, &AsyncRunner::busyChanged, this, &PlanEditorDialog::updateButtons);

    auto *limitsTitle = new QLabel(tr("Limits"), this);
    QFont bold = limitsTitle->font();
    bold.setBold(true);
    limitsTitle->setFont(bold);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addSpacing(4);
    layout->addWidget(limitsTitle);
    layout->addWidget(note);
    layout->addWidget(m_limits, 1);
    layout->addWidget(m_limitsError);
    layout->addLayout(limitButtons);
    layout->addWidget(m_error);
    layout->addWidget(buttons);

    if (plan) {
        m_planId = plan->id;
        setWindowTitle(tr("Edit plan \u201c%1\u201d").arg(plan->name));
        m_name->setText(plan->name);
        m_description->setText(plan->description);
        for (const PlanLimit &limit : plan->limits)
            addLimit(limit.meter, limit.period, limit.limit, limit.warningPercent);
    } else {
        setWindowTitle(tr("New plan"));
        if (!m_meterNames.isEmpty())
            addLimit(m_meterNames.first(), PlanPeriod::Month, 1000, kDefaultWarningPercent);
    }
    if (m_meterNames.isEmpty())
        m_limitsError->showError(tr("This workspace has no meters yet. Define one on the Meters page first: "
                                    "a limit counts a meter's usage."));
    updateButtons();
    resize(640, 480);
}

int PlanEditorDialog::addLimit(const QString &meter, PlanPeriod period, double limit, double warningPercent)
{
    const int row = m_limits->rowCount();
    m_limits->insertRow(row);
    auto *meterBox = new QComboBox(m_limits);
    for (const QString &name : m_meterNames)
        meterBox->addItem(name, name);
    meterBox->setCurrentIndex(qMax(0, meterBox->findData(meter)));
    auto *periodBox = new QComboBox(m_limits);
    for (const PlanPeriod p : kAllPlanPeriods)
        periodBox->addItem(periodText(p), planPeriodName(p));
    periodBox->setCurrentIndex(periodBox->findData(planPeriodName(period)));
    auto *limitBox = new QuantitySpinBox(m_limits);
    limitBox->setDecimals(3);
    limitBox->setRange(0, 1e12);
    limitBox->setValue(limit);
    limitBox->setAlignment(Qt::AlignRight);
    auto *warningBox = new QSpinBox(m_limits);
    warningBox->setRange(1, 100);
    warningBox->setSuffix(QStringLiteral(" %"));
    warningBox->setValue(qRound(warningPercent));
    warningBox->setAlignment(Qt::AlignRight);
    m_limits->setCellWidget(row, MeterColumn, meterBox);
    m_limits->setCellWidget(row, PeriodColumn, periodBox);
    m_limits->setCellWidget(row, LimitValueColumn, limitBox);
    m_limits->setCellWidget(row, WarningColumn, warningBox);
    updateButtons();
    return row;
}

void PlanEditorDialog::removeLimit(int row)
{
    if (row < 0 || row >= m_limits->rowCount())
        return;
    m_limits->removeRow(row);
    updateButtons();
}

QComboBox *PlanEditorDialog::meterCombo(int row) const
{
    return qobject_cast<QComboBox *>(m_limits->cellWidget(row, MeterColumn));
}

QComboBox *PlanEditorDialog::periodCombo(int row) const
{
    return qobject_cast<QComboBox *>(m_limits->cellWidget(row, PeriodColumn));
}

QDoubleSpinBox *PlanEditorDialog::limitSpin(int row) const
{
    return qobject_cast<QDoubleSpinBox *>(m_limits->cellWidget(row, LimitValueColumn));
}

QSpinBox *PlanEditorDialog::warningSpin(int row) const
{
    return qobject_cast<QSpinBox *>(m_limits->cellWidget(row, WarningColumn));
}

PlanDraft PlanEditorDialog::draft() const
{
    PlanDraft draft;
    draft.name = m_name->text();
    draft.description = m_description->text();
    for (int row = 0; row < m_limits->rowCount(); ++row) {
        PlanLimitDraft limit;
        limit.meter = meterCombo(row)->currentData().toString();
        limit.period = periodCombo(row)->currentData().toString();
        limit.limit = limitSpin(row)->value();
        limit.warningPercent = warningSpin(row)->value();
        draft.limits.append(limit);
    }
    return draft;
}

PlanPreviewDialog *PlanEditorDialog::previewDialog() const
{
    return m_preview.data();
}

bool PlanEditorDialog::isSubmitting() const
{
    return m_runner->isBusy();
}

QString PlanEditorDialog::errorText() const
{
    return m_errorText;
}

void PlanEditorDialog::submit()
{
    if (isSubmitting())
        return;
    clearErrors();
    const PlanDraft current = draft();
    if (!isEditing()) {
        save(current);
        return;
    }
    Engine &engine = m_engine;
    m_runner->run([&engine, owner = m_owner, id = m_planId,
                      current] { return engine.plans().preview(owner, id, current); },
        [this, current](Result<PlanPreview> preview) {
            if (!preview)
                showError(preview.error());
            else if (preview->subjects == 0)
                save(current); // nobody to tell about
            else
                confirm(preview.value(), current);
        });
}

void PlanEditorDialog::confirm(const PlanPreview &preview, const PlanDraft &draft)
{
    m_preview = new PlanPreviewDialog(preview, this);
    m_preview->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_preview, &QDialog::accepted, this, [this, draft] { save(draft); });
    m_preview->open();
}

void PlanEditorDialog::save(const PlanDraft &draft)
{
    Engine &engine = m_engine;
    m_runner->run(
        [&engine, owner = m_owner, id = m_planId, draft] {
            return id.isEmpty() ? engine.plans().create(owner, draft)
                                : engine.plans().update(owner, id, draft);
        },
        [this](Result<Plan> plan) {
            if (!plan) {
                showError(plan.error());
                return;
            }
            Q_EMIT planSaved(plan.value());
            accept();
        });
}

void PlanEditorDialog::showError(const Error &error)
{
    const PlanErrorText described = describePlanError(error);
    m_errorField = described.field;
    m_errorText = described.text;
    switch (described.field) {
    case PlanErrorText::Field::Name:
        m_nameError->showError(described.text);
        m_name->setFocus();
        break;
    case PlanErrorText::Field::Limits:
        m_limitsError->showError(described.text);
        break;
    case PlanErrorText::Field::None:
        m_error->showError(described.text);
        break;
    }
}

void PlanEditorDialog::clearErrors()
{
    m_errorField = PlanErrorText::Field::None;
    m_errorText.clear();
    m_nameError->clearError();
    m_limitsError->clearError();
    m_error->clearError();
}

void PlanEditorDialog::updateButtons()
{
    const bool busy = m_runner->isBusy();
    m_saveButton->setEnabled(!busy);
    m_addLimit->setEnabled(!m_meterNames.isEmpty());
    m_removeLimit->setEnabled(m_limits->rowCount() > 0 && !busy);
}

} // namespace osc::ui
