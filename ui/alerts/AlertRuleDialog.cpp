#include "ui/alerts/AlertRuleDialog.h"

#include "Engine.h"
#include "alerts/AlertEvaluator.h"
#include "alerts/AlertRuleFilter.h"
#include "alerts/AlertValidator.h"
#include "ui/alerts/AlertStateModel.h"
#include "ui/alerts/AlertText.h"
#include "ui/alerts/DurationEdit.h"
#include "ui/common/AsyncRunner.h"
#include "ui/common/DisplayFormat.h"
#include "ui/common/InlineErrorLabel.h"
#include "ui/common/ListTable.h"
#include "ui/common/PageHeader.h"
#include "ui/filter/FilterBuilder.h"
#include "ui/plans/QuotaText.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace osc::ui {

namespace {

constexpr double kThresholdLimit = 1e15; // beyond this a double no longer holds whole numbers exactly
constexpr int kPreviewRows = 3; // rows of the per-group preview visible without scrolling

} // namespace

AlertRuleDialog::AlertRuleDialog(Engine &engine, const Principal &owner, const QList<Meter> &meters,
    const QList<AlertDestination> &destinations, const AlertRuleView *existing, QWidget *parent)
    : QDialog(parent)
    , m_engine(engine)
    , m_owner(owner)
    , m_meters(meters)
{
    setObjectName(QStringLiteral("alertRuleDialog"));
    setWindowTitle(existing ? tr("Edit alert rule") : tr("New alert rule"));
    m_previewRunner = new AsyncRunner(this);
    m_saveRunner = new AsyncRunner(this);
    m_previewTimer = new QTimer(this);
    m_previewTimer->setSingleShot(true);
    m_previewTimer->setInterval(kPreviewDelayMs);
    connect(m_previewTimer, &QTimer::timeout, this, &AlertRuleDialog::updatePreview);

    m_name = new QLineEdit(this);
    m_name->setObjectName(QStringLiteral("ruleNameEdit"));
    m_name->setPlaceholderText(tr("e.g. Orders over quota"));
    m_meter = new QComboBox(this);
    m_meter->setObjectName(QStringLiteral("ruleMeterCombo"));
    for (const Meter &meter : meters)
        m_meter->addItem(meter.name, meter.name);
    m_aggregation = new QLabel(this);
    PageHeader::makeMuted(m_aggregation);

    m_comparator = new QComboBox(this);
    m_comparator->setObjectName(QStringLiteral("ruleComparatorCombo"));
    for (AlertComparator c : {AlertComparator::Gte, AlertComparator::Gt, AlertComparator::Lte,
             AlertComparator::Lt, AlertComparator::Eq, AlertComparator::Neq})
        m_comparator->addItem(AlertText::comparatorSymbol(c), comparatorName(c));
    m_threshold = new QDoubleSpinBox(this);
    m_threshold->setObjectName(QStringLiteral("ruleThresholdSpin"));
    m_threshold->setRange(-kThresholdLimit, kThresholdLimit);
    m_threshold->setDecimals(4);
    m_threshold->setGroupSeparatorShown(true);
    m_threshold->setMinimumWidth(160);
    auto *condition = new QHBoxLayout;
    condition->addWidget(m_comparator);
    condition->addWidget(m_threshold, 1);

    m_window = new DurationEdit(this);
    m_window->setObjectName(QStringLiteral("ruleWindowEdit"));
    m_window->setSeconds(alerts::kDefaultWindowSeconds);
    m_interval = new DurationEdit(this);
    m_interval->setObjectName(QStringLiteral("ruleIntervalEdit"));
    m_interval->setSeconds(alerts::kDefaultIntervalSeconds);
    m_groupBy = new QComboBox(this);
    m_groupBy->setObjectName(QStringLiteral("ruleGroupByCombo"));
    m_destination = new QComboBox(this);
    m_destination->setObjectName(QStringLiteral("ruleDestinationCombo"));
    for (const AlertDestination &d : destinations)
        m_destination->addItem(d.name, d.id);
    m_enabled = new QCheckBox(tr("&Enabled"), this);
    m_enabled->setToolTip(tr("Evaluated on schedule and shortly after matching usage"));
    m_enabled->setObjectName(QStringLiteral("ruleEnabledBox"));
    m_enabled->setChecked(true);

    // Two short form columns side by side: the dialog stays low enough for a 700 px screen with the
    // filter builder (which needs the width) below them.
    auto *what = new QFormLayout;
    what->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    what->addRow(tr("&Name:"), m_name);
    what->addRow(tr("&Meter:"), m_meter);
    auto *conditionLabel = new QLabel(tr("&Alert when value is:"), this);
    conditionLabel->setBuddy(m_threshold);
    what->addRow(conditionLabel, condition);
    auto *windowLabel = new QLabel(tr("&Window:"), this);
    windowLabel->setBuddy(m_window->amountBox());
    what->addRow(windowLabel, m_window);
    auto *how = new QFormLayout;
    how->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    how->addRow(tr("&Per:"), m_groupBy);
    auto *intervalLabel = new QLabel(tr("Evaluate &every:"), this);
    intervalLabel->setBuddy(m_interval->amountBox());
    how->addRow(intervalLabel, m_interval);
    how->addRow(tr("&Destination:"), m_destination);
    how->addRow(QString(), m_enabled);
    m_aggregation->setWordWrap(true);

    m_filter = new FilterBuilder(this);
    m_filter->setObjectName(QStringLiteral("ruleFilterBuilder"));
    m_filter->setMinimumHeight(170);
    auto *filterBox
        = new QGroupBox(tr("Events counted (conditions with \u201cis\u201d, all required)"), this);
    auto *filterLayout = new QVBoxLayout(filterBox);
    filterLayout->setContentsMargins(6, 6, 6, 6);
    filterLayout->addWidget(m_filter);

    m_currentValue = new QLabel(this);
    m_currentValue->setObjectName(QStringLiteral("ruleCurrentValue"));
    m_currentValue->setWordWrap(true);
    m_previewStates = new AlertStateModel(this);
    m_previewTable = makeListTable(m_previewStates, QStringLiteral("rulePreviewTable"), this);
    m_previewTable->setColumnHidden(AlertStateModel::UpdatedColumn, true);
    m_previewTable->setMaximumHeight(m_previewTable->horizontalHeader()->sizeHint().height()
        + kPreviewRows * m_previewTable->verticalHeader()->defaultSectionSize() + 4);
    m_previewTable->hide();
    auto *nowBox = new QGroupBox(tr("Now"), this);
    auto *nowLayout = new QVBoxLayout(nowBox);
    nowLayout->setContentsMargins(6, 6, 6, 6);
    nowLayout->addWidget(m_currentValue);
    nowLayout->addWidget(m_previewTable);

    m_error = new InlineErrorLabel(this);
    m_error->setObjectName(QStringLiteral("ruleDialogError"));
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    m_buttons->button(QDialogButtonBox::Save)->setText(existing ? tr("Save") : tr("Create rule"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &AlertRuleDialog::submit);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *columns = new QHBoxLayout;
    columns->addLayout(what, 1);
    columns->addSpacing(12);
    columns->addLayout(how, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(columns);
    layout->addWidget(m_aggregation);
    layout->addWidget(filterBox, 1);
    layout->addWidget(nowBox);
    layout->addWidget(m_error);
    layout->addWidget(m_buttons);

    if (existing) {
        const AlertRule &rule = existing->rule;
        m_ruleId = rule.id;
        m_name->setText(rule.name);
        if (m_meter->findData(rule.meter) < 0)
            m_meter->addItem(rule.meter, rule.meter); // deleted meanwhile: the engine will say so
        m_meter->setCurrentIndex(m_meter->findData(rule.meter));
        m_comparator->setCurrentIndex(m_comparator->findData(comparatorName(rule.comparator)));
        m_threshold->setValue(rule.threshold);
        m_window->setSeconds(rule.windowSeconds);
        m_interval->setSeconds(rule.evaluationIntervalSeconds);
        if (m_destination->findData(rule.destinationId) >= 0)
            m_destination->setCurrentIndex(m_destination->findData(rule.destinationId));
        m_enabled->setChecked(rule.enabled);
    }
    onMeterChanged();
    if (existing) {
        const AlertRule &rule = existing->rule;
        if (m_groupBy->findData(rule.groupBy) < 0)
            m_groupBy->addItem(rule.groupBy, rule.groupBy);
        m_groupBy->setCurrentIndex(m_groupBy->findData(rule.groupBy));
        const QString problem
            = m_filter->setFilter(alerts::AlertRuleFilter::toFilter({rule.subject, rule.metadata}));
        if (!problem.isEmpty())
            m_error->showError(problem);
    }
    if (meters.isEmpty())
        m_error->showError(tr("There is no meter to watch yet: create one on the Meters page first."));
    else if (destinations.isEmpty())
        m_error->showError(
            tr("Add a destination first (Destinations tab): every rule sends its events to one."));

    connect(m_meter, &QComboBox::currentIndexChanged, this, &AlertRuleDialog::onMeterChanged);
    connect(m_filter, &FilterBuilder::filterChanged, this, &AlertRuleDialog::schedulePreview);
    connect(m_comparator, &QComboBox::currentIndexChanged, this, &AlertRuleDialog::schedulePreview);
    connect(m_threshold, &QDoubleSpinBox::valueChanged, this, &AlertRuleDialog::schedulePreview);
    connect(m_window, &DurationEdit::secondsChanged, this, &AlertRuleDialog::schedulePreview);
    connect(m_groupBy, &QComboBox::currentIndexChanged, this, &AlertRuleDialog::schedulePreview);
    connect(m_enabled, &QCheckBox::toggled, this, &AlertRuleDialog::schedulePreview);
    resize(900, 640);
    updatePreview();
}

AlertRuleDialog::~AlertRuleDialog() = default;

const Meter *AlertRuleDialog::selectedMeter() const
{
    const QString name = m_meter->currentData().toString();
    for (const Meter &meter : m_meters)
        if (meter.name == name)
            return &meter;
    return nullptr;
}

void AlertRuleDialog::onMeterChanged()
{
    const Meter *meter = selectedMeter();
    m_filter->setDimensions(meter ? meter->dimensions : QList<Dimension>());
    m_aggregation->setText(meter
            ? tr("The value is the meter's aggregation (\u201c%1\u201d) of its events in the "
                 "window: what a bucket query over the window returns.")
                  .arg(aggregationName(meter->aggregation))
            : QString());
    const QString previous = m_groupBy->currentData().toString();
    {
        const QSignalBlocker blocker(m_groupBy);
        m_groupBy->clear();
        m_groupBy->addItem(tr("All usage together"), QString());
        m_groupBy->addItem(tr("Each subject"), QStringLiteral("subject"));
        if (meter)
            for (const Dimension &dimension : meter->dimensions)
                m_groupBy->addItem(tr("Each %1").arg(dimension.displayName.isEmpty() ? dimension.name
                                                                                     : dimension.displayName),
                    dimension.name);
        const int index = m_groupBy->findData(previous);
        m_groupBy->setCurrentIndex(index >= 0 ? index : 0);
    }
    schedulePreview();
}

Result<AlertRuleDraft> AlertRuleDialog::draft() const
{
    auto match = alerts::AlertRuleFilter::fromFilter(m_filter->filter());
    if (!match)
        return match.error();
    AlertRuleDraft d;
    d.name = m_name->text();
    d.meter = m_meter->currentData().toString();
    d.enabled = m_enabled->isChecked();
    d.subject = match->subject;
    d.metadata = match->metadata;
    d.windowSeconds = m_window->seconds();
    d.comparator = m_comparator->currentData().toString();
    d.threshold = m_threshold->value();
    d.evaluationIntervalSeconds = m_interval->seconds();
    d.groupBy = m_groupBy->currentData().toString();
    d.destinationId = m_destination->currentData().toString();
    return d;
}

QString AlertRuleDialog::errorText() const
{
    return m_error->text();
}

bool AlertRuleDialog::isPreviewPending() const
{
    return m_previewTimer->isActive() || m_previewRunner->isBusy();
}

void AlertRuleDialog::schedulePreview()
{
    m_previewTimer->start();
}

void AlertRuleDialog::updatePreview()
{
    m_previewTimer->stop();
    auto d = draft();
    if (!d) {
        m_previewRunner->discardPending();
        showPreview(d.error());
        return;
    }
    if (d->meter.isEmpty()) {
        m_previewRunner->discardPending();
        m_currentValue->setText(tr("Choose a meter to see its current value."));
        m_previewTable->hide();
        Q_EMIT previewShown();
        return;
    }
    if (!m_filter->errorText().isEmpty()) {
        m_currentValue->setText(tr("Fix the filter to see the current value."));
        m_previewTable->hide();
        Q_EMIT previewShown();
        return;
    }
    m_currentValue->setText(tr("Evaluating…"));
    Engine &engine = m_engine;
    m_previewRunner->run(
        [&engine, owner = m_owner, draft = d.value()] { return engine.alerts().previewRule(owner, draft); },
        [this](Result<QList<AlertState>> states) { showPreview(states); });
}

void AlertRuleDialog::showPreview(const Result<QList<AlertState>> &states)
{
    if (!states) {
        m_currentValue->setText(tr("No value: %1").arg(ui::errorText(states.error())));
        m_previewStates->clear();
        m_previewTable->hide();
        Q_EMIT previewShown();
        return;
    }
    const QList<AlertState> &list = states.value();
    const AlertState primary = alerts::AlertEvaluator::primary(list);
    const bool grouped = !primary.groupKey.isEmpty();
    if (primary.status == AlertStatus::NoData) {
        m_currentValue->setText(tr("No usage in the window yet: the rule would be \u201c%1\u201d.")
                                    .arg(AlertText::statusText(AlertStatus::NoData)));
    } else if (primary.status == AlertStatus::Error) {
        m_currentValue->setText(tr("The rule could not be evaluated: %1").arg(primary.message));
    } else if (!grouped) {
        m_currentValue->setText(
            tr("Current value: <b>%1</b>, the rule would be \u201c%2\u201d.")
                .arg(formatQuantity(primary.value), AlertText::statusText(primary.status)));
    } else {
        int alerting = 0;
        for (const AlertState &s : list)
            alerting += s.status == AlertStatus::Alerting ? 1 : 0;
        const QString groups = list.size() == 1 ? tr("1 group now") : tr("%1 groups now").arg(list.size());
        m_currentValue->setText(
            tr("%1, %2 alerting; highest: <b>%3</b> for %4.")
                .arg(groups)
                .arg(alerting)
                .arg(formatQuantity(primary.value),
                    AlertText::groupText(primary.groupKey, primary.groupValue).toHtmlEscaped()));
    }
    m_previewStates->setStates(grouped ? list : QList<AlertState>());
    m_previewTable->setVisible(grouped);
    m_previewTable->resizeColumnsToContents();
    Q_EMIT previewShown();
}

void AlertRuleDialog::setFormEnabled(bool enabled)
{
    for (QWidget *w : std::initializer_list<QWidget *>{m_name, m_meter, m_filter, m_comparator, m_threshold,
             m_window, m_interval, m_groupBy, m_destination, m_enabled})
        w->setEnabled(enabled);
    m_buttons->button(QDialogButtonBox::Save)->setEnabled(enabled);
}

void AlertRuleDialog::submit()
{
    if (m_saveRunner->isBusy())
        return;
    m_error->clearError();
    if (!m_filter->errorText().isEmpty()) {
        m_error->showError(m_filter->errorText());
        return;
    }
    auto d = draft();
    if (!d) {
        m_error->showError(ui::errorText(d.error()));
        return;
    }
    setFormEnabled(false);
    Engine &engine = m_engine;
    m_saveRunner->run(
        [&engine, owner = m_owner, draft = d.value(), id = m_ruleId]() -> Result<AlertRuleView> {
            if (id.isEmpty())
                return engine.alerts().createRule(owner, draft);
            AlertRulePatch patch;
            patch.name = draft.name;
            patch.meter = draft.meter;
            patch.comparator = draft.comparator;
            patch.windowSeconds = draft.windowSeconds;
            patch.evaluationIntervalSeconds = draft.evaluationIntervalSeconds;
            patch.enabled = draft.enabled;
            patch.subject = draft.subject;
            patch.metadata = draft.metadata;
            patch.threshold = draft.threshold;
            patch.groupBy = draft.groupBy;
            patch.destinationId = draft.destinationId;
            return engine.alerts().updateRule(owner, id, patch);
        },
        [this](Result<AlertRuleView> saved) {
            setFormEnabled(true);
            if (!saved) {
                m_error->showError(ui::errorText(saved.error()));
                return;
            }
            Q_EMIT ruleSaved(saved.value());
            accept();
        });
}

} // namespace osc::ui
