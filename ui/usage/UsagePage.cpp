#include "ui/usage/UsagePage.h"

#include "Engine.h"
#include "filter/Filter.h"
#include "query/BucketCalendar.h"
#include "ui/common/AsyncRunner.h"
#include "ui/common/ChartPalette.h"
#include "ui/common/DisplayFormat.h"
#include "ui/common/InlineErrorLabel.h"
#include "ui/common/MeterList.h"
#include "ui/common/PageHeader.h"
#include "ui/common/WorkspaceContext.h"
#include "ui/filter/FilterBuilder.h"
#include "ui/usage/UsageBucketModel.h"
#include "ui/usage/UsageSeries.h"

#include <QBoxLayout>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QCursor>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLegend>
#include <QLegendMarker>
#include <QLineEdit>
#include <QLineSeries>
#include <QLocale>
#include <QPushButton>
#include <QSplitter>
#include <QStackedWidget>
#include <QTableView>
#include <QTime>
#include <QTimeZone>
#include <QTimer>
#include <QToolTip>
#include <QVBoxLayout>
#include <QValueAxis>

#include <array>

namespace osc::ui {

namespace {

const QString kSubjectGroup = QStringLiteral("subject");
const QString kApiKeyGroup = QStringLiteral("api_key");

// Buckets follow the viewer's wall clock, so "day" means their day, matching the local times shown.
QString localZoneId()
{
    const QByteArray id = QTimeZone::systemTimeZoneId();
    return QTimeZone::isTimeZoneIdAvailable(id) ? QString::fromUtf8(id) : QString();
}

// Ticks of a QDateTimeAxis are spaced evenly between its ends, so they land on bucket starts only when
// the range is a whole number of tick steps. For buckets of one fixed length (minute, hour, day, week)
// this returns the axis ends and tick count that put every tick on a bucket start — at most
// kMaxTicks ticks, each a whole number of buckets apart — and extends the end past the last bucket
// as needed. Months and longer keep the data's range (their lengths differ).
struct TimeAxisLayout
{
    double minMs;
    double maxMs;
    int tickCount;
};

TimeAxisLayout alignedTimeAxis(double firstStartMs, double lastStartMs, double bucketMs, double fallbackMaxMs)
{
    constexpr int kMaxTicks = 9;
    if (bucketMs <= 0 || lastStartMs < firstStartMs)
        return {firstStartMs, fallbackMaxMs, 8};
    const qint64 buckets = qint64((lastStartMs - firstStartMs) / bucketMs + 0.5) + 1; // incl. the last
    qint64 step = 1;
    while ((buckets + step - 1) / step + 1 > kMaxTicks)
        ++step;
    const qint64 intervals = (buckets + step - 1) / step;
    return {firstStartMs, firstStartMs + double(intervals * step) * bucketMs, int(intervals + 1)};
}

double fixedBucketMs(const QString &bucketSize)
{
    if (bucketSize == QLatin1String("minute"))
        return 60'000.0;
    if (bucketSize == QLatin1String("hour"))
        return 3'600'000.0;
    if (bucketSize == QLatin1String("day"))
        return 86'400'000.0;
    if (bucketSize == QLatin1String("week"))
        return 7 * 86'400'000.0;
    return 0.0;
}

QString axisFormat(const QString &bucketSize)
{
    if (bucketSize == QLatin1String("hour"))
        return QStringLiteral("MMM d HH:mm");
    if (bucketSize == QLatin1String("month"))
        return QStringLiteral("MMM yyyy");
    return QStringLiteral("MMM d");
}

const std::array<QColor, 8> kSeriesColors = {QColor(0x20, 0x9f, 0xdf), QColor(0x99, 0xca, 0x53),
    QColor(0xf6, 0xa6, 0x25), QColor(0x6d, 0x5f, 0xd5), QColor(0xbf, 0x59, 0x3e), QColor(0x2e, 0x8b, 0x57),
    QColor(0xd6, 0x3f, 0x8c), QColor(0x1f, 0x4e, 0x79)};

QLabel *toolbarLabel(const QString &text, QWidget *buddy, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setBuddy(buddy);
    return label;
}

} // namespace

UsagePage::UsagePage(Engine &engine, WorkspaceContext &workspace, QWidget *parent)
    : QWidget(parent)
    , m_engine(engine)
    , m_workspace(workspace)
{
    m_meterLoader = new AsyncRunner(this);
    m_usageLoader = new AsyncRunner(this);
    m_model = new UsageBucketModel(this);

    m_header = new PageHeader(QString(), QString(), this);
    retranslateHeader();

    m_meterCombo = new QComboBox(this);
    m_meterCombo->setObjectName(QStringLiteral("usageMeterCombo"));
    m_meterCombo->setMinimumContentsLength(14);
    m_meterCombo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_presetCombo = new QComboBox(this);
    m_presetCombo->setObjectName(QStringLiteral("usageRangeCombo"));
    for (UsageRangePreset preset : allUsageRangePresets())
        m_presetCombo->addItem(usageRangePresetLabel(preset), int(preset));
    m_presetCombo->setCurrentIndex(m_presetCombo->findData(int(UsageRangePreset::Last7Days)));
    m_bucketCombo = new QComboBox(this);
    m_bucketCombo->setObjectName(QStringLiteral("usageBucketCombo"));
    m_bucketCombo->addItem(tr("Hour"), QStringLiteral("hour"));
    m_bucketCombo->addItem(tr("Day"), QStringLiteral("day"));
    m_bucketCombo->addItem(tr("Week"), QStringLiteral("week"));
    m_bucketCombo->addItem(tr("Month"), QStringLiteral("month"));
    m_bucketCombo->setCurrentIndex(m_bucketCombo->findData(QStringLiteral("day")));
    m_groupCombo = new QComboBox(this);
    m_groupCombo->setObjectName(QStringLiteral("usageGroupCombo"));
    m_groupCombo->setMinimumContentsLength(10);
    m_groupCombo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_groupCombo->addItem(tr("None"), QString());
    m_subjectEdit = new QLineEdit(this);
    m_subjectEdit->setObjectName(QStringLiteral("usageSubjectEdit"));
    m_subjectEdit->setPlaceholderText(tr("All subjects"));
    m_subjectEdit->setClearButtonEnabled(true);
    m_subjectEdit->setMinimumWidth(110);
    m_subjectEdit->setToolTip(tr("Only this subject's usage; press Enter to apply"));
    m_filterButton = new QPushButton(tr("Filter"), this);
    m_filterButton->setObjectName(QStringLiteral("usageFilterButton"));
    m_filterButton->setCheckable(true);
    m_filterButton->setToolTip(tr("Show the filter builder: count only events matching conditions"));
    m_refreshButton = new QPushButton(style()->standardIcon(QStyle::SP_BrowserReload), tr("Refresh"), this);
    m_refreshButton->setObjectName(QStringLiteral("usageRefreshButton"));
    m_refreshButton->setToolTip(tr("Reload meters and usage (F5)"));
    m_exportButton = new QPushButton(style()->standardIcon(QStyle::SP_DialogSaveButton), tr("Export…"), this);
    m_exportButton->setObjectName(QStringLiteral("usageExportButton"));
    m_exportButton->setToolTip(tr("Export this view (meter, range, buckets, grouping, subject, filter) as a "
                                  "background job, without the %1-row limit of the table")
                                   .arg(kRowLimit));
    m_exportButton->setEnabled(false);

    m_viewControls = new QWidget(this);
    auto *viewRow = new QHBoxLayout(m_viewControls);
    viewRow->setContentsMargins(0, 0, 0, 0);
    viewRow->addWidget(toolbarLabel(tr("&Meter:"), m_meterCombo, this));
    viewRow->addWidget(m_meterCombo);
    viewRow->addSpacing(8);
    viewRow->addWidget(toolbarLabel(tr("&Range:"), m_presetCombo, this));
    viewRow->addWidget(m_presetCombo);
    viewRow->addSpacing(8);
    viewRow->addWidget(toolbarLabel(tr("&Bucket:"), m_bucketCombo, this));
    viewRow->addWidget(m_bucketCombo);
    viewRow->addSpacing(8);
    viewRow->addWidget(toolbarLabel(tr("&Group by:"), m_groupCombo, this));
    viewRow->addWidget(m_groupCombo);
    viewRow->addStretch(1);
    m_actionControls = new QWidget(this);
    auto *actionRow = new QHBoxLayout(m_actionControls);
    actionRow->setContentsMargins(0, 0, 0, 0);
    actionRow->addWidget(toolbarLabel(tr("&Subject:"), m_subjectEdit, this));
    actionRow->addWidget(m_subjectEdit, 1);
    actionRow->addSpacing(8);
    actionRow->addWidget(m_filterButton);
    actionRow->addWidget(m_refreshButton);
    actionRow->addWidget(m_exportButton);
    m_toolbarHost = new QWidget(this);
    m_toolbar = new QBoxLayout(QBoxLayout::LeftToRight, m_toolbarHost);
    m_toolbar->setContentsMargins(0, 0, 0, 0);
    m_toolbar->addWidget(m_viewControls);
    m_toolbar->addWidget(m_actionControls, 1);

    m_filterBuilder = new FilterBuilder(this);
    m_filterBuilder->setObjectName(QStringLiteral("usageFilterBuilder"));
    m_filterBuilder->setMinimumHeight(190);
    m_filterBuilder->setMaximumHeight(240);
    m_filterBuilder->hide();

    m_error = new InlineErrorLabel(this);
    m_error->setObjectName(QStringLiteral("usageError"));

    m_chart = new QChart;
    m_chart->legend()->setVisible(true);
    m_chart->legend()->setAlignment(Qt::AlignBottom);
    m_chart->setMargins(QMargins(4, 4, 4, 4));
    // Axis labels in the user's locale: "12,000" (or "12.000"), not "12000".
    m_chart->setLocalizeNumbers(true);
    m_chartView = new QChartView(m_chart, this);
    m_chartView->setObjectName(QStringLiteral("usageChart"));
    m_chartView->setRenderHint(QPainter::Antialiasing);
    m_chartView->setMinimumHeight(280);
    applyPaletteToChart(m_chart, palette());

    m_totals = new QLabel(this);
    m_totals->setObjectName(QStringLiteral("usageTotals"));
    QFont totalsFont = m_totals->font();
    totalsFont.setBold(true);
    m_totals->setFont(totalsFont);
    m_lastUpdated = new QLabel(this);
    m_lastUpdated->setObjectName(QStringLiteral("usageLastUpdated"));
    PageHeader::makeMuted(m_lastUpdated);
    m_inProgressNote = new QLabel(tr("The last bucket is still in progress (dashed line)."), this);
    m_inProgressNote->setObjectName(QStringLiteral("usageInProgressNote"));
    PageHeader::makeMuted(m_inProgressNote);
    m_limitNote = new QLabel(
        tr("Showing the first %1 rows; pick a larger bucket or a shorter range to see all.").arg(kRowLimit),
        this);
    m_limitNote->setObjectName(QStringLiteral("usageLimitNote"));
    PageHeader::makeMuted(m_limitNote);
    m_limitNote->hide();

    auto *summary = new QHBoxLayout;
    summary->addWidget(m_totals);
    summary->addStretch(1);
    summary->addWidget(m_lastUpdated);
    auto *notes = new QHBoxLayout;
    notes->addWidget(m_inProgressNote);
    notes->addWidget(m_limitNote);
    notes->addStretch(1);

    auto *chartPane = new QWidget(this);
    auto *chartLayout = new QVBoxLayout(chartPane);
    chartLayout->setContentsMargins(0, 0, 0, 0);
    chartLayout->addLayout(summary);
    chartLayout->addWidget(m_chartView, 1);
    chartLayout->addLayout(notes);

    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("usageTable"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->setShowGrid(false);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->setVisible(false);
    m_table->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    m_table->setColumnWidth(UsageBucketModel::BucketStartColumn, 170);
    m_table->setColumnWidth(UsageBucketModel::GroupColumn, 220);
    m_table->setColumnWidth(UsageBucketModel::QuantityColumn, 140);
    // Group names vary most in length; quantities stay right-aligned at the edge.
    m_table->horizontalHeader()->setSectionResizeMode(UsageBucketModel::GroupColumn, QHeaderView::Stretch);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->setObjectName(QStringLiteral("usageSplitter")); // MainWindow keeps its position
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(chartPane);
    splitter->addWidget(m_table);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);

    m_placeholder = new QLabel(this);
    m_placeholder->setObjectName(QStringLiteral("usageEmptyState"));
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setWordWrap(true);
    m_placeholder->setMargin(24);
    PageHeader::makeMuted(m_placeholder);

    m_content = new QStackedWidget(this);
    m_content->addWidget(splitter);
    m_content->addWidget(m_placeholder);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_header);
    layout->addWidget(m_toolbarHost);
    layout->addWidget(m_filterBuilder);
    layout->addWidget(m_error);
    layout->addWidget(m_content, 1);
    arrangeToolbar();

    m_autoRefresh = new QTimer(this);
    m_autoRefresh->setInterval(kAutoRefreshMs);
    connect(m_autoRefresh, &QTimer::timeout, this, &UsagePage::refreshUsage);

    connect(m_refreshButton, &QPushButton::clicked, this, &UsagePage::refresh);
    connect(m_exportButton, &QPushButton::clicked, this, [this] { Q_EMIT exportRequested(exportPreset()); });
    connect(m_meterCombo, &QComboBox::currentIndexChanged, this, [this] {
        fillGroupByChoices();
        refreshUsage();
    });
    connect(m_presetCombo, &QComboBox::currentIndexChanged, this, &UsagePage::onPresetChanged);
    connect(m_bucketCombo, &QComboBox::currentIndexChanged, this, &UsagePage::refreshUsage);
    connect(m_groupCombo, &QComboBox::currentIndexChanged, this, &UsagePage::refreshUsage);
    connect(m_subjectEdit, &QLineEdit::returnPressed, this, &UsagePage::refreshUsage);
    connect(m_subjectEdit, &QLineEdit::textChanged, this, [this](const QString &text) {
        if (text.isEmpty()) // the clear button: back to every subject at once
            refreshUsage();
    });
    connect(m_filterButton, &QPushButton::toggled, m_filterBuilder, &QWidget::setVisible);
    connect(m_filterBuilder, &FilterBuilder::filterChanged, this, [this](const QJsonValue &filter) {
        m_filter = filter;
        updateFilterButton();
        refreshUsage();
    });
    auto updateBusy = [this] {
        const bool busy = m_meterLoader->isBusy() || m_usageLoader->isBusy();
        m_header->setStatusText(busy ? tr("Loading…") : QString());
    };
    connect(m_meterLoader, &AsyncRunner::busyChanged, this, updateBusy);
    connect(m_usageLoader, &AsyncRunner::busyChanged, this, updateBusy);

    // Another workspace: its meters first; a chart of the previous workspace still loading is dropped.
    connect(&m_workspace, &WorkspaceContext::workspaceChanged, this, [this] {
        m_usageLoader->discardPending();
        m_error->clearError();
        refresh();
    });

    showEmptyState(tr("Loading meters…"));
    refresh();
}

bool UsagePage::isLoading() const
{
    return m_meterLoader->isBusy() || m_usageLoader->isBusy();
}

QString UsagePage::errorText() const
{
    return m_error->text();
}

void UsagePage::setSubject(const QString &subject)
{
    {
        const QSignalBlocker blocker(m_subjectEdit);
        m_subjectEdit->setText(subject);
    }
    refreshUsage();
}

QString UsagePage::subject() const
{
    return m_subjectEdit->text().trimmed();
}

void UsagePage::setMeter(const QString &meter)
{
    const int index = m_meterCombo->findData(meter);
    if (index >= 0)
        m_meterCombo->setCurrentIndex(index); // reloads through currentIndexChanged
    else
        m_pendingMeter = meter;
}

void UsagePage::updateFilterButton()
{
    const bool active = !(m_filter.isNull() || m_filter.isUndefined());
    m_filterButton->setText(active ? tr("Filter (on)") : tr("Filter"));
}

void UsagePage::refresh()
{
    Engine &engine = m_engine;
    m_meterLoader->run([&engine, owner = m_workspace.owner()] { return loadAllMeters(engine, owner); },
        [this](Result<QList<Meter>> result) {
            if (result) {
                applyMeters(result.value());
                return;
            }
            m_error->showError(tr("Could not load the meter list: %1").arg(ui::errorText(result.error())));
            Q_EMIT usageRefreshed();
        });
}

void UsagePage::applyMeters(const QList<Meter> &meters)
{
    m_meters = meters;
    const QString previous = m_pendingMeter.isEmpty() ? m_meterCombo->currentText() : m_pendingMeter;
    m_pendingMeter.clear();
    {
        // Repopulating must not fire one query per inserted item; one query follows below.
        const QSignalBlocker blocker(m_meterCombo);
        m_meterCombo->clear();
        for (const Meter &meter : meters)
            m_meterCombo->addItem(meter.name, meter.name);
        const int index = m_meterCombo->findData(previous);
        m_meterCombo->setCurrentIndex(index >= 0 ? index : 0);
    }
    m_exportButton->setEnabled(!meters.isEmpty());
    if (meters.isEmpty()) {
        m_error->clearError();
        m_model->setRows({});
        showEmptyState(tr("Create a meter or load demo data to see usage."));
        Q_EMIT usageRefreshed();
        return;
    }
    fillGroupByChoices();
    refreshUsage();
}

void UsagePage::fillGroupByChoices()
{
    const QString previous = m_groupCombo->currentData().toString();
    const Meter *meter = selectedMeter();
    m_filterBuilder->setDimensions(meter ? meter->dimensions : QList<Dimension>());
    const QSignalBlocker blocker(m_groupCombo);
    m_groupCombo->clear();
    m_groupCombo->addItem(tr("None"), QString());
    m_groupCombo->addItem(tr("Subject"), kSubjectGroup);
    // The key that wrote the events, unless the meter has a dimension of that name (which it means then).
    if (!meter || !meter->dimension(kApiKeyGroup))
        m_groupCombo->addItem(tr("API key"), kApiKeyGroup);
    if (meter)
        for (const Dimension &dimension : meter->dimensions)
            m_groupCombo->addItem(
                dimension.displayName.isEmpty() ? dimension.name : dimension.displayName, dimension.name);
    const int index = m_groupCombo->findData(previous);
    m_groupCombo->setCurrentIndex(index >= 0 ? index : 0);
}

void UsagePage::onPresetChanged()
{
    const auto preset = UsageRangePreset(m_presetCombo->currentData().toInt());
    {
        const QSignalBlocker blocker(m_bucketCombo);
        m_bucketCombo->setCurrentIndex(m_bucketCombo->findData(defaultBucketSize(preset)));
    }
    refreshUsage();
}

const Meter *UsagePage::selectedMeter() const
{
    const QString name = m_meterCombo->currentData().toString();
    for (const Meter &meter : m_meters)
        if (meter.name == name)
            return &meter;
    return nullptr;
}

UsageRange UsagePage::currentRange() const
{
    const auto preset = UsageRangePreset(m_presetCombo->currentData().toInt());
    UsageRange range = usageRange(preset, QDateTime::currentMSecsSinceEpoch() * 1'000'000);
    // Start on a bucket boundary so the first bucket is complete and does not read as a dip.
    if (auto size = query::bucketSizeFromName(m_bucketCombo->currentData().toString()))
        if (auto calendar = query::BucketCalendar::create(*size, localZoneId()))
            range.fromNs = calendar->bucketStart(range.fromNs);
    return range;
}

ExportPreset UsagePage::exportPreset() const
{
    const UsageRange range = currentRange();
    ExportPreset preset;
    preset.meter = m_meterCombo->currentData().toString();
    preset.fromNs = range.fromNs.clampedInt64(); // "last N days" presets, well inside qint64
    preset.toNs = range.toNs.clampedInt64();
    preset.bucketSize = m_bucketCombo->currentData().toString();
    preset.groupBy = m_groupCombo->currentData().toString();
    preset.subject = subject();
    preset.filter = m_filter;
    preset.timeZone = localZoneId();
    return preset;
}

void UsagePage::refreshUsage()
{
    const Meter *meter = selectedMeter();
    if (!meter)
        return;
    const UsageRange range = currentRange();
    const QString bucketSize = m_bucketCombo->currentData().toString();
    query::BucketQuery bucketQuery;
    bucketQuery.meter = meter->name;
    bucketQuery.fromNs = range.fromNs;
    bucketQuery.toNs = range.toNs;
    bucketQuery.bucketSize = bucketSize;
    const QString group = m_groupCombo->currentData().toString();
    if (!group.isEmpty())
        bucketQuery.groupBy = {group};
    bucketQuery.limit = kRowLimit;
    bucketQuery.timeZone = localZoneId();
    // The engine only fills empty buckets without group_by; grouped lines get zeros in buildUsageSeries.
    bucketQuery.fillEmpty = group.isEmpty();
    bucketQuery.subject = subject();
    // The builder only reports filters the engine accepted, so parsing again cannot fail here.
    if (auto filter = query::parseFilter(m_filter); filter && filter->has_value())
        bucketQuery.filter = std::move(filter.value());

    Engine &engine = m_engine;
    m_usageLoader->run([&engine, owner = m_workspace.owner(),
                           bucketQuery] { return engine.queries().buckets(owner, bucketQuery); },
        [this, range, meterName = meter->name](Result<query::BucketResult> result) {
            if (result)
                applyResult(result.value(), range);
            else
                applyError(meterName, result.error());
            Q_EMIT usageRefreshed();
        });
}

void UsagePage::applyResult(const query::BucketResult &result, const UsageRange &range)
{
    m_error->clearError();
    QList<UsageBucketRow> rows;
    rows.reserve(result.rows.size());
    double total = 0.0;
    for (const query::UsageBucket &row : result.rows) {
        rows.append({row.bucketStartNs, usageGroupLabel(result, row), row.quantity});
        total += row.quantity;
    }
    m_model->setRows(std::move(rows));

    const QString aggregation = aggregationName(result.aggregation);
    const QString amount = QLocale().toString(total, 'f', 0);
    if (result.aggregation != Aggregation::Sum && result.aggregation != Aggregation::Count)
        // Adding up maxima or averages means nothing; say how each bucket is computed instead.
        m_totals->setText(tr("Aggregation: %1 per bucket (%2)").arg(aggregation, result.unit));
    else if (result.rows.size() >= kRowLimit)
        // At the row limit the sum covers only the rows returned; say so rather than under-report.
        m_totals->setText(tr("Total of the first %1 rows: %2 %3").arg(kRowLimit).arg(amount, result.unit));
    else
        m_totals->setText(tr("Total: %1 %2").arg(amount, result.unit));
    m_lastUpdated->setText(
        tr("Last updated %1").arg(QTime::currentTime().toString(QStringLiteral("HH:mm:ss"))));
    m_limitNote->setVisible(result.rows.size() >= kRowLimit);

    rebuildChart(result, range);
    m_content->setCurrentIndex(0);
}

void UsagePage::applyError(const QString &meter, const Error &error)
{
    // Only a missing meter is helped by Refresh; a bad subject or filter needs fixing where it was typed.
    if (error.kind == ErrorKind::NotFound)
        m_error->showError(
            tr("Could not load usage of “%1”: %2. Check the meter still exists and try Refresh.")
                .arg(meter, ui::errorText(error)));
    else
        m_error->showError(tr("Could not load usage of “%1”: %2.").arg(meter, ui::errorText(error)));
    // Stale lines under an error would read as current usage of whatever failed.
    m_model->setRows({});
    m_chart->removeAllSeries();
    m_totals->clear();
    showEmptyState(tr("No usage to show."));
    m_lastUpdated->setText(
        tr("Update failed at %1").arg(QTime::currentTime().toString(QStringLiteral("HH:mm:ss"))));
}

void UsagePage::rebuildChart(const query::BucketResult &result, const UsageRange &range)
{
    m_chart->removeAllSeries();
    for (QAbstractAxis *axis : m_chart->axes()) {
        m_chart->removeAxis(axis);
        delete axis;
    }

    auto *xAxis = new QDateTimeAxis;
    xAxis->setFormat(axisFormat(result.bucketSize));
    xAxis->setTickCount(8);
    auto *yAxis = new QValueAxis;
    yAxis->setLabelFormat(QStringLiteral("%.0f"));
    yAxis->setTitleText(result.unit);
    m_chart->addAxis(xAxis, Qt::AlignBottom);
    m_chart->addAxis(yAxis, Qt::AlignLeft);

    // At the row limit the last bucket holds only some groups; drawing it would look like a drop.
    const bool truncated = result.rows.size() >= kRowLimit;
    query::BucketResult shown = result;
    if (truncated && !shown.rows.isEmpty()) {
        const TimeNs lastStart = shown.rows.last().bucketStartNs;
        shown.rows.removeIf(
            [lastStart](const query::UsageBucket &row) { return row.bucketStartNs >= lastStart; });
    }
    const QList<UsageSeriesData> lines = buildUsageSeries(shown);
    double minX = double(range.fromNs / 1'000'000), maxX = double(range.toNs / 1'000'000);
    double maxY = 0.0;
    qint64 lastStartMs = 0;
    size_t colorIndex = 0;
    for (const UsageSeriesData &line : lines) {
        auto *series = new QLineSeries;
        series->setName(line.name);
        series->append(line.points);
        series->setPointsVisible(line.points.size() <= 60);
        m_chart->addSeries(series);
        series->attachAxis(xAxis);
        series->attachAxis(yAxis);
        // The theme has only five colours; nine lines need distinct ones, and "Other" stays neutral.
        series->setColor(
            line.isOther ? QColor(0x8a, 0x8a, 0x8a) : kSeriesColors[colorIndex++ % kSeriesColors.size()]);
        for (const QPointF &point : line.points) {
            minX = qMin(minX, point.x());
            maxY = qMax(maxY, point.y());
            lastStartMs = qMax(lastStartMs, qint64(point.x()));
        }
        const QString name = line.name;
        connect(series, &QLineSeries::hovered, this, [name](const QPointF &point, bool state) {
            if (!state) {
                QToolTip::hideText();
                return;
            }
            const QString when = QDateTime::fromMSecsSinceEpoch(qint64(point.x()))
                                     .toString(QStringLiteral("yyyy-MM-dd HH:mm"));
            QToolTip::showText(
                QCursor::pos(), tr("%1\n%2: %3").arg(when, name, QLocale().toString(point.y(), 'g', 10)));
        });
    }

    // A dashed vertical line at the start of the bucket still filling up, so its lower value does not
    // read as a drop. It is not data: its legend marker is hidden.
    const bool inProgress = range.endsNow && !truncated && !lines.isEmpty() && lastStartMs > 0;
    if (inProgress) {
        auto *marker = new QLineSeries;
        marker->setName(tr("In progress"));
        marker->append(double(lastStartMs), 0.0);
        marker->append(double(lastStartMs), maxY > 0 ? maxY * 1.05 : 1.0);
        QPen pen(palette().color(QPalette::PlaceholderText));
        pen.setStyle(Qt::DashLine);
        marker->setPen(pen);
        m_chart->addSeries(marker);
        marker->attachAxis(xAxis);
        marker->attachAxis(yAxis);
        for (QLegendMarker *legendMarker : m_chart->legend()->markers(marker))
            legendMarker->setVisible(false);
    }
    m_inProgressNote->setVisible(inProgress);

    const TimeAxisLayout axis
        = alignedTimeAxis(minX, double(lastStartMs), fixedBucketMs(result.bucketSize), maxX);
    xAxis->setTickCount(axis.tickCount);
    xAxis->setRange(QDateTime::fromMSecsSinceEpoch(qint64(axis.minMs)),
        QDateTime::fromMSecsSinceEpoch(qint64(std::max(axis.maxMs, minX + 1))));
    yAxis->setRange(0.0, maxY > 0 ? maxY * 1.1 : 1.0);
    yAxis->applyNiceNumbers();
    // Whole numbers repeat ("0, 0, 1, 1") on small ranges; show a decimal there.
    if (yAxis->max() < 10.0)
        yAxis->setLabelFormat(QStringLiteral("%.1f"));

    applyPaletteToChart(m_chart, palette());
    for (QLegendMarker *legendMarker : m_chart->legend()->markers())
        connect(legendMarker, &QLegendMarker::clicked, this,
            [this, legendMarker] { toggleSeries(legendMarker); });
}

void UsagePage::toggleSeries(QLegendMarker *marker)
{
    QAbstractSeries *series = marker->series();
    series->setVisible(!series->isVisible());
    // Hiding a series hides its marker too; keep it so the user can click it back, dimmed.
    marker->setVisible(true);
    const qreal alpha = series->isVisible() ? 1.0 : 0.4;
    QColor label = marker->labelBrush().color();
    label.setAlphaF(alpha);
    marker->setLabelBrush(label);
    QColor brush = marker->brush().color();
    brush.setAlphaF(alpha);
    marker->setBrush(brush);
}

void UsagePage::showEmptyState(const QString &text)
{
    m_placeholder->setText(text);
    m_content->setCurrentWidget(m_placeholder);
}

void UsagePage::showEvent(QShowEvent *event)
{
    arrangeToolbar();
    QWidget::showEvent(event);
    m_autoRefresh->start();
}

void UsagePage::hideEvent(QHideEvent *event)
{
    m_autoRefresh->stop();
    QWidget::hideEvent(event);
}

void UsagePage::retranslateHeader()
{
    m_header->setTitle(tr("Usage"));
    m_header->setDescription(tr("How much each meter counted over time, grouped by subject or a dimension."));
}

void UsagePage::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    arrangeToolbar();
}

void UsagePage::arrangeToolbar()
{
    const QMargins margins = contentsMargins() + (layout() ? layout()->contentsMargins() : QMargins());
    const int oneRow = m_viewControls->sizeHint().width() + m_toolbar->spacing()
        + m_actionControls->minimumSizeHint().width() + margins.left() + margins.right();
    const auto direction = width() >= oneRow ? QBoxLayout::LeftToRight : QBoxLayout::TopToBottom;
    if (m_toolbar->direction() != direction)
        m_toolbar->setDirection(direction);
    // The page may be as narrow as the wider row: the one-row layout's own minimum (both rows side by
    // side) would otherwise stretch the window before this resize could fold it.
    m_toolbarHost->setMinimumWidth(
        std::max(m_viewControls->minimumSizeHint().width(), m_actionControls->minimumSizeHint().width()));
}

void UsagePage::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::LanguageChange) {
        retranslateHeader();
        arrangeToolbar(); // German labels are wider
    } else if (event->type() == QEvent::PaletteChange) {
        applyPaletteToChart(m_chart, palette());
    }
}

} // namespace osc::ui
