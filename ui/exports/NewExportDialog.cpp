#include "ui/exports/NewExportDialog.h"

#include "Engine.h"
#include "core/Rfc3339.h"
#include "ui/common/AsyncRunner.h"
#include "ui/common/DisplayFormat.h"
#include "ui/common/InlineErrorLabel.h"
#include "ui/common/MeterList.h"
#include "ui/common/PageHeader.h"
#include "ui/filter/FilterBuilder.h"
#include "wire/ExportJson.h"

#include <QComboBox>
#include <QDateTime>
#include <QDateTimeEdit>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTimeZone>
#include <QVBoxLayout>

#include <limits>

namespace osc::ui {

namespace {

const QString kSubjectGroup = QStringLiteral("subject");
const QString kDateTimeFormat = QStringLiteral("yyyy-MM-dd HH:mm:ss");

QDateTime utcFromNs(qint64 ns)
{
    return QDateTime::fromMSecsSinceEpoch(ns / 1'000'000, Qt::UTC);
}

QString rfc3339(const QDateTime &utc)
{
    return utc.toUTC().toString(QStringLiteral("yyyy-MM-ddTHH:mm:ssZ"));
}

QDateTimeEdit *utcEdit(const QDateTime &value, QWidget *parent)
{
    auto *edit = new QDateTimeEdit(parent);
    edit->setTimeSpec(Qt::UTC);
    edit->setDisplayFormat(kDateTimeFormat);
    edit->setCalendarPopup(true);
    edit->setDateTime(value);
    return edit;
}

} // namespace

NewExportDialog::NewExportDialog(
    Engine &engine, const Principal &owner, const ExportPreset &preset, QWidget *parent)
    : QDialog(parent)
    , m_engine(engine)
    , m_owner(owner)
    , m_preset(preset)
{
    setObjectName(QStringLiteral("newExportDialog"));
    setWindowTitle(tr("New export"));
    m_loader = new AsyncRunner(this);

    auto *intro = new QLabel(
        tr("The export runs as a background job; follow it on the Exports page and save the file when "
           "it completes."),
        this);
    intro->setWordWrap(true);
    PageHeader::makeMuted(intro);

    m_kind = new QComboBox(this);
    m_kind->setObjectName(QStringLiteral("exportKindCombo"));
    m_kind->addItem(tr("Usage buckets (totals per bucket)"), exportKindName(ExportKind::UsageBuckets));
    m_kind->addItem(tr("Usage events (one row per event)"), exportKindName(ExportKind::UsageEvents));
    m_format = new QComboBox(this);
    m_format->setObjectName(QStringLiteral("exportFormatCombo"));
    m_format->addItem(tr("CSV (spreadsheets)"), exportFormatName(ExportFormat::Csv));
    m_format->addItem(tr("JSON (one array)"), exportFormatName(ExportFormat::Json));
    m_format->addItem(tr("NDJSON (one object per line)"), exportFormatName(ExportFormat::Ndjson));
    m_meter = new QComboBox(this);
    m_meter->setObjectName(QStringLiteral("exportMeterCombo"));
    m_meter->setMinimumContentsLength(18);
    m_meter->addItem(tr("Loading meters…"));
    m_meter->setEnabled(false);

    const qint64 nowMs = QDateTime::currentMSecsSinceEpoch();
    const QDateTime to
        = preset.toNs > 0 ? utcFromNs(preset.toNs) : QDateTime::fromMSecsSinceEpoch(nowMs, Qt::UTC);
    const QDateTime from = preset.fromNs > 0 ? utcFromNs(preset.fromNs) : to.addDays(-7);
    m_from = utcEdit(from, this);
    m_from->setObjectName(QStringLiteral("exportFromEdit"));
    m_to = utcEdit(to, this);
    m_to->setObjectName(QStringLiteral("exportToEdit"));
    auto *range = new QHBoxLayout;
    range->addWidget(m_from, 1);
    range->addWidget(new QLabel(tr("to"), this));
    range->addWidget(m_to, 1);
    range->addWidget(new QLabel(tr("UTC"), this));

    m_bucket = new QComboBox(this);
    m_bucket->setObjectName(QStringLiteral("exportBucketCombo"));
    m_bucket->addItem(tr("Hour"), QStringLiteral("hour"));
    m_bucket->addItem(tr("Day"), QStringLiteral("day"));
    m_bucket->addItem(tr("Week"), QStringLiteral("week"));
    m_bucket->addItem(tr("Month"), QStringLiteral("month"));
    const int bucketIndex
        = m_bucket->findData(preset.bucketSize.isEmpty() ? QStringLiteral("day") : preset.bucketSize);
    m_bucket->setCurrentIndex(bucketIndex >= 0 ? bucketIndex : 1);
    m_group = new QComboBox(this);
    m_group->setObjectName(QStringLiteral("exportGroupCombo"));
    m_group->addItem(tr("None"), QString());
    m_zoneNote = new QLabel(this);
    PageHeader::makeMuted(m_zoneNote);
    m_zoneNote->setText(preset.timeZone.isEmpty()
            ? tr("Buckets start at UTC boundaries.")
            : tr("Buckets start at boundaries in %1, like the Usage page.").arg(preset.timeZone));

    m_subject = new QLineEdit(preset.subject, this);
    m_subject->setObjectName(QStringLiteral("exportSubjectEdit"));
    m_subject->setPlaceholderText(tr("All subjects"));
    m_subject->setClearButtonEnabled(true);
    m_limit = new QSpinBox(this);
    m_limit->setObjectName(QStringLiteral("exportLimitSpin"));
    m_limit->setRange(1, std::numeric_limits<int>::max());
    m_limit->setGroupSeparatorShown(true);
    m_limit->setValue(kDefaultLimit);
    m_limit->setSuffix(tr(" rows"));
    m_limit->setToolTip(tr("At most this many rows are written; there is no smaller cap"));

    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->addRow(tr("&Kind:"), m_kind);
    form->addRow(tr("F&ormat:"), m_format);
    form->addRow(tr("&Meter:"), m_meter);
    auto *rangeLabel = new QLabel(tr("&Time range:"), this);
    rangeLabel->setBuddy(m_from);
    form->addRow(rangeLabel, range);
    m_bucketLabel = new QLabel(tr("&Bucket size:"), this);
    m_bucketLabel->setBuddy(m_bucket);
    form->addRow(m_bucketLabel, m_bucket);
    m_groupLabel = new QLabel(tr("&Group by:"), this);
    m_groupLabel->setBuddy(m_group);
    form->addRow(m_groupLabel, m_group);
    form->addRow(QString(), m_zoneNote);
    form->addRow(tr("&Subject:"), m_subject);
    form->addRow(tr("&Limit:"), m_limit);

    m_filter = new FilterBuilder(this);
    m_filter->setObjectName(QStringLiteral("exportFilterBuilder"));
    m_filter->setMinimumHeight(200);
    auto *filterBox = new QGroupBox(tr("Filter (only matching events are exported)"), this);
    auto *filterLayout = new QVBoxLayout(filterBox);
    filterLayout->setContentsMargins(6, 6, 6, 6);
    filterLayout->addWidget(m_filter);

    m_error = new InlineErrorLabel(this);
    m_error->setObjectName(QStringLiteral("newExportError"));

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Queue export"));
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(false);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &NewExportDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(filterBox, 1);
    layout->addWidget(m_error);
    layout->addWidget(m_buttons);

    connect(m_kind, &QComboBox::currentIndexChanged, this, &NewExportDialog::updateKind);
    connect(m_meter, &QComboBox::currentIndexChanged, this, &NewExportDialog::onMeterChanged);
    updateKind();
    resize(760, 680);

    Engine *enginePtr = &m_engine;
    m_loader->run([enginePtr, owner = m_owner] { return loadAllMeters(*enginePtr, owner); },
        [this](Result<QList<Meter>> result) {
            if (result) {
                applyMeters(result.value());
            } else {
                m_meter->setItemText(0, tr("No meters"));
                m_error->showError(
                    tr("Could not load the meter list: %1").arg(ui::errorText(result.error())));
            }
        });
}

void NewExportDialog::applyMeters(const QList<Meter> &meters)
{
    m_meters = meters;
    {
        const QSignalBlocker blocker(m_meter);
        m_meter->clear();
        for (const Meter &meter : meters)
            m_meter->addItem(meter.name, meter.name);
        const int index = m_meter->findData(m_preset.meter);
        m_meter->setCurrentIndex(index >= 0 ? index : 0);
        m_meter->setEnabled(!meters.isEmpty());
    }
    if (meters.isEmpty()) {
        m_meter->addItem(tr("No meters"));
        m_error->showError(tr("There is no meter to export yet: create one or load demo data first."));
    }
    onMeterChanged();
    // The preset's group-by and filter apply once, to the meter they were made for.
    if (const int group = m_group->findData(m_preset.groupBy); group >= 0)
        m_group->setCurrentIndex(group);
    if (!(m_preset.filter.isNull() || m_preset.filter.isUndefined())) {
        const QString problem = m_filter->setFilter(m_preset.filter);
        if (!problem.isEmpty())
            m_error->showError(tr("The Usage page's filter could not be used: %1").arg(problem));
    }
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(!meters.isEmpty());
    m_metersLoaded = true;
    Q_EMIT metersLoadedChanged();
}

const Meter *NewExportDialog::selectedMeter() const
{
    const QString name = m_meter->currentData().toString();
    for (const Meter &meter : m_meters)
        if (meter.name == name)
            return &meter;
    return nullptr;
}

void NewExportDialog::onMeterChanged()
{
    const Meter *meter = selectedMeter();
    m_filter->setDimensions(meter ? meter->dimensions : QList<Dimension>());
    const QString previous = m_group->currentData().toString();
    const QSignalBlocker blocker(m_group);
    m_group->clear();
    m_group->addItem(tr("None"), QString());
    m_group->addItem(tr("Subject"), kSubjectGroup);
    if (meter)
        for (const Dimension &dimension : meter->dimensions)
            m_group->addItem(
                dimension.displayName.isEmpty() ? dimension.name : dimension.displayName, dimension.name);
    const int index = m_group->findData(previous);
    m_group->setCurrentIndex(index >= 0 ? index : 0);
}

void NewExportDialog::updateKind()
{
    const bool buckets = m_kind->currentData().toString() == exportKindName(ExportKind::UsageBuckets);
    for (QWidget *widget : {static_cast<QWidget *>(m_bucket), static_cast<QWidget *>(m_group),
             static_cast<QWidget *>(m_bucketLabel), static_cast<QWidget *>(m_groupLabel),
             static_cast<QWidget *>(m_zoneNote)})
        widget->setEnabled(buckets);
}

QJsonObject NewExportDialog::queryJson() const
{
    const bool buckets = m_kind->currentData().toString() == exportKindName(ExportKind::UsageBuckets);
    QJsonObject query;
    query.insert(QStringLiteral("meter"), m_meter->currentData().toString());
    query.insert(QStringLiteral("from"), rfc3339(m_from->dateTime()));
    query.insert(QStringLiteral("to"), rfc3339(m_to->dateTime()));
    if (const QString subject = m_subject->text().trimmed(); !subject.isEmpty())
        query.insert(QStringLiteral("subject"), subject);
    if (buckets) {
        query.insert(QStringLiteral("bucket_size"), m_bucket->currentData().toString());
        if (const QString group = m_group->currentData().toString(); !group.isEmpty())
            query.insert(QStringLiteral("group_by"), QJsonArray{group});
        if (!m_preset.timeZone.isEmpty())
            query.insert(QStringLiteral("timezone"), m_preset.timeZone);
    }
    query.insert(QStringLiteral("limit"), m_limit->value());
    const QJsonValue filter = m_filter->filter();
    if (!(filter.isNull() || filter.isUndefined()))
        query.insert(QStringLiteral("filter"), filter);
    return query;
}

Result<ExportJobDraft> NewExportDialog::draft() const
{
    QJsonObject body;
    body.insert(QStringLiteral("kind"), m_kind->currentData().toString());
    body.insert(QStringLiteral("format"), m_format->currentData().toString());
    body.insert(QStringLiteral("query"), queryJson());
    return wire::exportJobDraftFromJson(body);
}

void NewExportDialog::accept()
{
    if (!selectedMeter()) {
        m_error->showError(tr("Pick a meter to export."));
        return;
    }
    if (m_from->dateTime() >= m_to->dateTime()) {
        m_error->showError(tr("The range is empty: “from” must be before “to”."));
        return;
    }
    if (const QString problem = m_filter->errorText(); !problem.isEmpty()) {
        m_error->showError(tr("Fix the filter first: %1").arg(problem));
        return;
    }
    auto request = draft();
    if (!request) {
        m_error->showError(tr("The export cannot be queued: %1").arg(ui::errorText(request.error())));
        return;
    }
    m_error->clearError();
    QDialog::accept();
}

} // namespace osc::ui
