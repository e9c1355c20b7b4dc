#include "ui/events/EventsPage.h"

#include "Engine.h"
#include "ui/common/AsyncRunner.h"
#include "ui/common/DisplayFormat.h"
#include "ui/common/InlineErrorLabel.h"
#include "ui/common/ListTable.h"
#include "ui/common/MeterList.h"
#include "ui/common/PageHeader.h"
#include "ui/common/WorkspaceContext.h"
#include "ui/events/EventDetailView.h"
#include "ui/events/EventTableModel.h"
#include "ui/events/SubjectListModel.h"
#include "ui/filter/FilterBuilder.h"
#include "ui/plans/QuotaProgressView.h"

#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QSplitter>
#include <QStackedWidget>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace osc::ui {

namespace {

QTableView *makeTable(QAbstractItemModel *model, const QString &objectName, QWidget *parent)
{
    QTableView *table = makeListTable(model, objectName, parent);
    table->verticalHeader()->setDefaultSectionSize(table->fontMetrics().height() + 8);
    return table;
}

} // namespace

EventsPage::EventsPage(Engine &engine, WorkspaceContext &workspace, QWidget *parent)
    : QWidget(parent)
    , m_engine(engine)
    , m_workspace(workspace)
{
    m_meterLoader = new AsyncRunner(this);
    m_subjectLoader = new AsyncRunner(this);
    m_model = new EventTableModel(engine, this);
    m_model->setOwner(workspace.owner());
    m_subjects = new SubjectListModel(this);

    m_header = new PageHeader(QString(), QString(), this);
    retranslateHeader();
    m_refreshButton = new QPushButton(style()->standardIcon(QStyle::SP_BrowserReload), tr("Refresh"), this);
    m_refreshButton->setObjectName(QStringLiteral("eventsRefreshButton"));
    m_refreshButton->setToolTip(tr("Reload meters, subjects and events (F5)"));
    m_header->addTrailingWidget(m_refreshButton);

    m_meterCombo = new QComboBox(this);
    m_meterCombo->setObjectName(QStringLiteral("eventsMeterCombo"));
    m_meterCombo->setMinimumContentsLength(16);
    m_meterCombo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_meterCombo->addItem(tr("All meters"), QString());
    m_subjectEdit = new QLineEdit(this);
    m_subjectEdit->setObjectName(QStringLiteral("eventsSubjectEdit"));
    m_subjectEdit->setPlaceholderText(tr("All subjects"));
    m_subjectEdit->setClearButtonEnabled(true);
    m_subjectEdit->setMinimumWidth(180);
    m_filterButton = new QPushButton(tr("Filter"), this);
    m_filterButton->setObjectName(QStringLiteral("eventsFilterButton"));
    m_filterButton->setCheckable(true);
    m_filterButton->setToolTip(tr("Show the filter builder: conditions on dimensions, quantity and time"));

    auto *meterLabel = new QLabel(tr("&Meter:"), this);
    meterLabel->setBuddy(m_meterCombo);
    auto *subjectLabel = new QLabel(tr("&Subject:"), this);
    subjectLabel->setBuddy(m_subjectEdit);
    auto *toolbar = new QHBoxLayout;
    toolbar->addWidget(meterLabel);
    toolbar->addWidget(m_meterCombo);
    toolbar->addSpacing(8);
    toolbar->addWidget(subjectLabel);
    toolbar->addWidget(m_subjectEdit);
    toolbar->addSpacing(8);
    toolbar->addWidget(m_filterButton);
    toolbar->addStretch(1);

    m_filterBuilder = new FilterBuilder(this);
    m_filterBuilder->setMinimumHeight(190);
    m_filterBuilder->setMaximumHeight(240);
    m_filterBuilder->hide();

    m_error = new InlineErrorLabel(this);
    m_error->setObjectName(QStringLiteral("eventsError"));

    m_table = makeTable(m_model, QStringLiteral("eventsTable"), this);
    m_table->setColumnWidth(EventTableModel::TimeColumn, 150);
    m_table->setColumnWidth(EventTableModel::SubjectColumn, 130);
    m_table->setColumnWidth(EventTableModel::MeterColumn, 140);
    m_table->setColumnWidth(EventTableModel::QuantityColumn, 80);

    m_placeholder = new QLabel(this);
    m_placeholder->setObjectName(QStringLiteral("eventsEmptyState"));
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setWordWrap(true);
    m_placeholder->setMargin(24);
    PageHeader::makeMuted(m_placeholder);
    m_content = new QStackedWidget(this);
    m_content->addWidget(m_table);
    m_content->addWidget(m_placeholder);

    m_detail = new EventDetailView(this);
    m_detail->setObjectName(QStringLiteral("eventDetail"));

    auto *eventsSplitter = new QSplitter(Qt::Vertical, this);
    eventsSplitter->setObjectName(QStringLiteral("eventsSplitter")); // MainWindow keeps their positions
    eventsSplitter->setChildrenCollapsible(false);
    eventsSplitter->addWidget(m_content);
    eventsSplitter->addWidget(m_detail);
    eventsSplitter->setStretchFactor(0, 3);
    eventsSplitter->setStretchFactor(1, 2);
    // The table gets most of the height; the detail pane needs about a form's worth.
    eventsSplitter->setSizes({520, 230});

    auto *mainSplitter = new QSplitter(Qt::Horizontal, this);
    mainSplitter->setObjectName(QStringLiteral("eventsSubjectsSplitter"));
    mainSplitter->setChildrenCollapsible(false);
    mainSplitter->addWidget(buildSubjectsPane());
    mainSplitter->addWidget(eventsSplitter);
    mainSplitter->setStretchFactor(0, 1);
    mainSplitter->setStretchFactor(1, 3);
    mainSplitter->setSizes({430, 840}); // wide enough for the subjects' "Last event" column

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_header);
    layout->addLayout(toolbar);
    layout->addWidget(m_filterBuilder);
    layout->addWidget(m_error);
    layout->addWidget(mainSplitter, 1);

    m_subjectTimer = new QTimer(this);
    m_subjectTimer->setSingleShot(true);
    m_subjectTimer->setInterval(kSubjectDelayMs);

    connect(m_refreshButton, &QPushButton::clicked, this, &EventsPage::refresh);
    connect(m_meterCombo, &QComboBox::currentIndexChanged, this, &EventsPage::onMeterChanged);
    connect(m_subjectEdit, &QLineEdit::textEdited, m_subjectTimer, qOverload<>(&QTimer::start));
    connect(m_subjectEdit, &QLineEdit::returnPressed, this, &EventsPage::applySearch);
    connect(m_subjectTimer, &QTimer::timeout, this, &EventsPage::applySearch);
    connect(m_filterButton, &QPushButton::toggled, m_filterBuilder, &QWidget::setVisible);
    connect(m_filterBuilder, &FilterBuilder::filterChanged, this, [this](const QJsonValue &filter) {
        m_filter = filter;
        updateFilterButton();
        applySearch();
    });
    connect(m_model, &EventTableModel::pageLoaded, this, &EventsPage::onPageLoaded);
    connect(m_model, &EventTableModel::loadingChanged, this, &EventsPage::updateStatus);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
        &EventsPage::onSelectionChanged);
    connect(m_model, &QAbstractItemModel::modelReset, this, &EventsPage::onSelectionChanged);

    m_placeholder->setText(tr("Loading events…"));
    m_content->setCurrentWidget(m_placeholder);
    // Another workspace: its events, meters and subjects (the old rows go at once).
    connect(&m_workspace, &WorkspaceContext::workspaceChanged, this, [this] {
        m_error->clearError();
        m_model->setOwner(m_workspace.owner());
        refresh();
    });

    refresh();
}

QWidget *EventsPage::buildSubjectsPane()
{
    auto *pane = new QWidget(this);
    auto *title = new QLabel(tr("Subjects"), pane);
    QFont titleFont = title->font();
    titleFont.setBold(true);
    title->setFont(titleFont);
    m_subjectsNote = new QLabel(pane);
    m_subjectsNote->setObjectName(QStringLiteral("subjectsNote"));
    m_subjectsNote->setWordWrap(true);
    PageHeader::makeMuted(m_subjectsNote);

    m_subjectTable = makeTable(m_subjects, QStringLiteral("subjectsTable"), pane);
    m_subjectTable->setColumnWidth(SubjectListModel::SubjectColumn, 96);
    m_subjectTable->setColumnWidth(SubjectListModel::EventsColumn, 56);
    m_subjectTable->setColumnWidth(SubjectListModel::MetersColumn, 52);
    m_subjectTable->setMinimumWidth(300);
    m_subjectTable->horizontalHeader()->setStretchLastSection(true);
    m_subjectTable->setToolTip(tr("Double-click a subject to show its events"));

    m_showSubjectButton = new QPushButton(tr("Show events"), pane);
    m_showSubjectButton->setObjectName(QStringLiteral("showSubjectEventsButton"));
    m_showSubjectButton->setToolTip(tr("Show only the selected subject's events"));
    m_openUsageButton = new QPushButton(tr("Open usage"), pane);
    m_openUsageButton->setObjectName(QStringLiteral("openUsageButton"));
    m_openUsageButton->setToolTip(tr("Chart the selected subject's usage on the Usage page"));
    // A subject on a plan shows how much of it is used (the Plans page has the rest).
    m_quota = new QuotaProgressView(pane);
    m_quota->setObjectName(QStringLiteral("subjectQuotaView"));
    m_quota->hide();
    m_quotaLoader = new AsyncRunner(this);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_showSubjectButton);
    buttons->addWidget(m_openUsageButton);
    buttons->addStretch(1);

    auto *layout = new QVBoxLayout(pane);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    layout->addWidget(title);
    layout->addWidget(m_subjectTable, 1);
    layout->addWidget(m_subjectsNote);
    layout->addWidget(m_quota);
    layout->addLayout(buttons);

    auto showSubject = [this] {
        const QString subject = selectedSubject();
        if (!subject.isEmpty())
            setSubject(subject);
    };
    connect(m_subjectTable, &QTableView::activated, this, showSubject);
    connect(m_showSubjectButton, &QPushButton::clicked, this, showSubject);
    connect(m_openUsageButton, &QPushButton::clicked, this, [this] {
        const QString subject = selectedSubject();
        if (!subject.isEmpty())
            Q_EMIT openUsageRequested(subject, m_meterCombo->currentData().toString());
    });
    auto updateButtons = [this] {
        const bool selected = !selectedSubject().isEmpty();
        m_showSubjectButton->setEnabled(selected);
        m_openUsageButton->setEnabled(selected);
    };
    connect(m_subjectTable->selectionModel(), &QItemSelectionModel::selectionChanged, this, updateButtons);
    connect(m_subjects, &QAbstractItemModel::modelReset, this, updateButtons);
    connect(m_subjectTable->selectionModel(), &QItemSelectionModel::selectionChanged, this,
        [this] { loadQuota(selectedSubject()); });
    connect(m_subjects, &QAbstractItemModel::modelReset, this, [this] { loadQuota(QString()); });
    updateButtons();
    return pane;
}

void EventsPage::loadQuota(const QString &subject)
{
    if (subject.isEmpty()) {
        m_quotaLoader->discardPending();
        m_quota->hide();
        return;
    }
    Engine &engine = m_engine;
    m_quotaLoader->run([&engine, owner = m_workspace.owner(),
                           subject] { return engine.entitlements().progress(owner, subject); },
        [this](Result<SubjectProgress> progress) {
            // No plan (or no progress) is the common case here: then the pane stays as it was.
            if (progress && !progress->items.isEmpty())
                m_quota->setProgress(progress.value());
            m_quota->setVisible(progress && !progress->items.isEmpty());
        });
}

bool EventsPage::isLoading() const
{
    return m_meterLoader->isBusy() || m_subjectLoader->isBusy() || m_model->isLoading();
}

QString EventsPage::errorText() const
{
    return m_error->text();
}

QString EventsPage::selectedSubject() const
{
    const QModelIndexList rows = m_subjectTable->selectionModel()->selectedRows();
    return rows.isEmpty() ? QString() : rows.first().data(SubjectListModel::SubjectRole).toString();
}

void EventsPage::setSubject(const QString &subject)
{
    m_subjectTimer->stop();
    m_subjectEdit->setText(subject);
    applySearch();
}

void EventsPage::setMeter(const QString &meter)
{
    const int index = m_meterCombo->findData(meter);
    if (index >= 0)
        m_meterCombo->setCurrentIndex(index);
    else
        m_pendingMeter = meter; // chosen when the meter list arrives
}

void EventsPage::refresh()
{
    Engine &engine = m_engine;
    m_meterLoader->run([&engine, owner = m_workspace.owner()] { return loadAllMeters(engine, owner); },
        [this](Result<QList<Meter>> result) {
            if (!result) {
                m_error->showError(
                    tr("Could not load the meter list: %1").arg(ui::errorText(result.error())));
                return;
            }
            applyMeters(result.value());
        });
    loadSubjects();
}

void EventsPage::loadSubjects()
{
    Engine &engine = m_engine;
    m_subjectLoader->run(
        [&engine, owner = m_workspace.owner()] {
            return engine.events().listSubjects(owner, kSubjectLimit, QString());
        },
        [this](Result<Page<SubjectSummary>> result) {
            if (!result) {
                m_subjectsNote->setText(tr("Could not load subjects: %1").arg(ui::errorText(result.error())));
                return;
            }
            const QString previous = selectedSubject();
            m_subjects->setSubjects(result->items);
            const int row = m_subjects->rowOfSubject(previous);
            if (row >= 0)
                m_subjectTable->selectRow(row);
            m_anyEvents = !result->items.isEmpty();
            if (result->items.isEmpty())
                m_subjectsNote->setText(tr("No subjects yet: they appear with their first event."));
            else if (result->nextCursor && !result->nextCursor->isEmpty())
                m_subjectsNote->setText(tr("The %1 most recently active subjects.").arg(kSubjectLimit));
            else
                m_subjectsNote->setText(result->items.size() == 1
                        ? tr("1 subject. Double-click it to see its events.")
                        : tr("%1 subjects. Double-click one to see its events.").arg(result->items.size()));
            updateStatus();
            if (m_model->rowCount() == 0 && !m_model->isLoading())
                onPageLoaded(); // the empty-state text depends on whether any event exists
        });
}

void EventsPage::applyMeters(const QList<Meter> &meters)
{
    m_error->clearError();
    m_meters = meters;
    const QString previous
        = m_pendingMeter.isEmpty() ? m_meterCombo->currentData().toString() : m_pendingMeter;
    m_pendingMeter.clear();
    {
        // Repopulating must not fire one search per inserted item; one search follows below.
        const QSignalBlocker blocker(m_meterCombo);
        m_meterCombo->clear();
        m_meterCombo->addItem(tr("All meters"), QString());
        for (const Meter &meter : meters)
            m_meterCombo->addItem(meter.name, meter.name);
        m_meterCombo->setCurrentIndex(qMax(0, m_meterCombo->findData(previous)));
    }
    onMeterChanged();
}

void EventsPage::onMeterChanged()
{
    const QString name = m_meterCombo->currentData().toString();
    QList<Dimension> dimensions;
    if (name.isEmpty()) {
        dimensions = dimensionUnion(m_meters);
    } else {
        for (const Meter &meter : m_meters)
            if (meter.name == name)
                dimensions = meter.dimensions;
    }
    m_filterBuilder->setDimensions(dimensions);
    applySearch();
}

void EventsPage::applySearch()
{
    m_subjectTimer->stop();
    EventSearch search;
    search.meter = m_meterCombo->currentData().toString();
    search.subject = m_subjectEdit->text().trimmed();
    search.filter = m_filter;
    m_model->setSearch(search);
    updateStatus();
}

void EventsPage::onPageLoaded()
{
    if (!m_model->errorText().isEmpty())
        m_error->showError(tr("Could not load events: %1").arg(m_model->errorText()));
    else if (!m_meterLoader->isBusy())
        m_error->clearError();
    if (m_model->rowCount() > 0) {
        m_content->setCurrentWidget(m_table);
    } else {
        const EventSearch &search = m_model->search();
        const bool narrowed = !search.subject.isEmpty() || !search.meter.isEmpty()
            || !(search.filter.isNull() || search.filter.isUndefined());
        if (!m_model->errorText().isEmpty())
            m_placeholder->setText(tr("No events to show."));
        else if (narrowed || m_anyEvents)
            m_placeholder->setText(tr("No events match. Clear the subject, pick “All meters” or "
                                      "loosen the filter."));
        else
            m_placeholder->setText(tr("No usage events yet. Services post them to POST /v1/usages; for "
                                      "sample data run \u201copen-spanner-console demo\u201d."));
        m_content->setCurrentWidget(m_placeholder);
    }
    updateStatus();
    Q_EMIT eventsRefreshed();
}

void EventsPage::onSelectionChanged()
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    if (rows.isEmpty() || rows.first().row() >= m_model->rowCount()) {
        m_detail->setEvent(std::nullopt);
        return;
    }
    m_detail->setEvent(m_model->eventAt(rows.first().row()));
}

void EventsPage::updateFilterButton()
{
    const bool active = !(m_filter.isNull() || m_filter.isUndefined());
    m_filterButton->setText(active ? tr("Filter (on)") : tr("Filter"));
}

void EventsPage::updateStatus()
{
    if (isLoading()) {
        m_header->setStatusText(tr("Loading…"));
        return;
    }
    const int rows = m_model->rowCount();
    const QString count = QLocale().toString(rows);
    if (rows == 0)
        m_header->setStatusText(QString());
    else if (m_model->isComplete())
        m_header->setStatusText(rows == 1 ? tr("1 event") : tr("%1 events").arg(count));
    else
        m_header->setStatusText(tr("%1 events loaded · scroll for more").arg(count));
}

void EventsPage::retranslateHeader()
{
    m_header->setTitle(tr("Events"));
    m_header->setDescription(
        tr("The raw usage events services posted, newest first; more load as you scroll."));
}

void EventsPage::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::LanguageChange)
        retranslateHeader();
}

} // namespace osc::ui
