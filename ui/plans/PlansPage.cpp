#include "ui/plans/PlansPage.h"

#include "Engine.h"
#include "ui/common/AsyncRunner.h"
#include "ui/common/DisplayFormat.h"
#include "ui/common/InlineErrorLabel.h"
#include "ui/common/ListTable.h"
#include "ui/common/MeterList.h"
#include "ui/common/PageHeader.h"
#include "ui/common/WorkspaceContext.h"
#include "ui/plans/AssignmentTableModel.h"
#include "ui/plans/EntitlementEventModel.h"
#include "ui/plans/PlanEditorDialog.h"
#include "ui/plans/PlanTableModel.h"
#include "ui/plans/QuotaProgressView.h"
#include "ui/plans/QuotaText.h"

#include <QCheckBox>
#include <QDateTime>
#include <QDateTimeEdit>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QScrollArea>
#include <QSet>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTime>
#include <QVBoxLayout>

namespace osc::ui {

// Everything the page lists, read in one go on a worker thread.
struct PlansSnapshot
{
    QList<Plan> plans;
    QList<PlanAssignment> assignments; // with history, newest first
    QList<EntitlementEvent> events;
    QList<Meter> meters;
    qint64 nowNs = 0;
};

namespace {

constexpr int kAssignmentRows = 500;
constexpr int kEventRows = 200;

Result<PlansSnapshot> loadSnapshot(Engine &engine, const Principal &owner)
{
    PlansSnapshot snapshot;
    auto plans = engine.plans().list(owner, kMaxPlanPageSize);
    if (!plans)
        return plans.error();
    snapshot.plans = std::move(plans.value());
    auto assignments = engine.assignments().list(owner, {}, {}, true, kAssignmentRows);
    if (!assignments)
        return assignments.error();
    snapshot.assignments = std::move(assignments.value());
    EntitlementFilter filter;
    filter.limit = kEventRows;
    auto events = engine.entitlements().events(owner, filter);
    if (!events)
        return events.error();
    snapshot.events = std::move(events->items);
    auto meters = loadAllMeters(engine, owner);
    if (!meters)
        return meters.error();
    snapshot.meters = std::move(meters.value());
    snapshot.nowNs = engine.clock().nowNs();
    return snapshot;
}

QWidget *panel(QWidget *parent, std::initializer_list<QWidget *> widgets, int stretchIndex)
{
    auto *widget = new QWidget(parent);
    auto *layout = new QVBoxLayout(widget);
    layout->setContentsMargins(0, 0, 0, 0);
    int index = 0;
    for (QWidget *child : widgets)
        layout->addWidget(child, index++ == stretchIndex ? 1 : 0);
    return widget;
}

QString rfc3339(qint64 ns)
{
    return QDateTime::fromMSecsSinceEpoch(ns / 1'000'000, Qt::UTC).toString(Qt::ISODate);
}

} // namespace

PlansPage::PlansPage(Engine &engine, WorkspaceContext &workspace, QWidget *parent)
    : QWidget(parent)
    , m_engine(engine)
    , m_workspace(workspace)
{
    m_loader = new AsyncRunner(this);
    m_detailLoader = new AsyncRunner(this);
    m_progressLoader = new AsyncRunner(this);
    m_commands = new AsyncRunner(this);
    m_plans = new PlanTableModel(this);
    m_planProxy = new QSortFilterProxyModel(this);
    m_planProxy->setSourceModel(m_plans);
    m_planProxy->setSortRole(PlanTableModel::SortRole);
    m_assignments = new AssignmentTableModel(this);
    m_assignmentProxy = new QSortFilterProxyModel(this);
    m_assignmentProxy->setSourceModel(m_assignments);
    m_assignmentProxy->setSortRole(AssignmentTableModel::SortRole);
    m_events = new EntitlementEventModel(this);

    m_header = new PageHeader(QString(), QString(), this);
    m_newButton = new QPushButton(style()->standardIcon(QStyle::SP_FileDialogNewFolder), QString(), this);
    m_newButton->setObjectName(QStringLiteral("newPlanButton"));
    m_editButton = new QPushButton(style()->standardIcon(QStyle::SP_FileDialogDetailedView), QString(), this);
    m_editButton->setObjectName(QStringLiteral("editPlanButton"));
    m_deleteButton = new QPushButton(style()->standardIcon(QStyle::SP_TrashIcon), QString(), this);
    m_deleteButton->setObjectName(QStringLiteral("deletePlanButton"));
    m_refreshButton = new QPushButton(style()->standardIcon(QStyle::SP_BrowserReload), QString(), this);
    m_refreshButton->setObjectName(QStringLiteral("plansRefreshButton"));
    for (QPushButton *button : {m_newButton, m_editButton, m_deleteButton, m_refreshButton})
        m_header->addTrailingWidget(button);
    m_error = new InlineErrorLabel(this);
    m_error->setObjectName(QStringLiteral("plansError"));

    // Plans and the selected one's limits and versions.
    m_plansTitle = makeSectionTitle(this);
    m_planTable = makeListTable(m_planProxy, QStringLiteral("plansTable"), this);
    m_planTable->setSortingEnabled(true);
    m_planTable->sortByColumn(PlanTableModel::NameColumn, Qt::AscendingOrder);
    // The name takes the room; the counts are narrow and right-aligned next to it.
    m_planTable->horizontalHeader()->setStretchLastSection(false);
    m_planTable->horizontalHeader()->setSectionResizeMode(PlanTableModel::NameColumn, QHeaderView::Stretch);
    m_emptyNote = new QLabel(this);
    m_emptyNote->setObjectName(QStringLiteral("plansEmptyNote"));
    m_emptyNote->setWordWrap(true);
    PageHeader::makeMuted(m_emptyNote);
    m_limitsTitle = makeSectionTitle(this);
    m_limitsTable = new QTableWidget(0, 4, this);
    m_limitsTable->setObjectName(QStringLiteral("planLimitsView"));
    m_limitsTable->verticalHeader()->setVisible(false);
    m_limitsTable->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_limitsTable->setSelectionMode(QAbstractItemView::NoSelection);
    m_limitsTable->setShowGrid(false);
    m_limitsTable->setAlternatingRowColors(true);
    m_limitsTable->horizontalHeader()->setStretchLastSection(true);
    m_limitsTable->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    m_limitsTable->horizontalHeader()->setStretchLastSection(false);
    m_limitsTable->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_limitsTable->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_limitsTable->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_limitsTable->setTextElideMode(Qt::ElideMiddle);
    m_historyTitle = makeSectionTitle(this);
    m_history = new QListWidget(this);
    m_history->setObjectName(QStringLiteral("planHistoryList"));
    m_history->setSelectionMode(QAbstractItemView::NoSelection);
    m_history->setWordWrap(true); // a version's limits can be a long line
    m_history->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);

    auto *top = new QSplitter(Qt::Horizontal, this);
    top->setObjectName(QStringLiteral("plansTopSplitter"));
    top->setChildrenCollapsible(false);
    top->addWidget(panel(this, {m_plansTitle, m_planTable, m_emptyNote}, 1));
    auto *details = new QWidget(this);
    auto *detailsLayout = new QVBoxLayout(details);
    detailsLayout->setContentsMargins(0, 0, 0, 0);
    detailsLayout->addWidget(m_limitsTitle);
    detailsLayout->addWidget(m_limitsTable, 3);
    detailsLayout->addWidget(m_historyTitle);
    detailsLayout->addWidget(m_history, 2);
    top->addWidget(details);
    top->setStretchFactor(0, 3);
    top->setStretchFactor(1, 2);

    // Assignments and the event feed, with the selected subject's progress beside them.
    m_subjectLabel = new QLabel(this);
    m_subjectEdit = new QLineEdit(this);
    m_subjectEdit->setObjectName(QStringLiteral("assignSubjectEdit"));
    m_subjectEdit->setMinimumWidth(140);
    m_subjectLabel->setBuddy(m_subjectEdit);
    m_scheduleBox = new QCheckBox(this);
    m_scheduleBox->setObjectName(QStringLiteral("scheduleAssignmentBox"));
    m_scheduleEdit = new QDateTimeEdit(this);
    m_scheduleEdit->setObjectName(QStringLiteral("scheduleAssignmentEdit"));
    m_scheduleEdit->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm"));
    m_scheduleEdit->setCalendarPopup(true);
    m_scheduleEdit->setDateTime(QDateTime::currentDateTime().addDays(1));
    m_scheduleEdit->setEnabled(false);
    m_scheduleEdit->setMinimumWidth(
        m_scheduleEdit->fontMetrics().horizontalAdvance(QStringLiteral("2026-12-31 23:59")) + 48);
    m_showEnded = new QCheckBox(this);
    m_showEnded->setObjectName(QStringLiteral("showEndedBox"));
    m_assignButton = new QPushButton(this);
    m_assignButton->setObjectName(QStringLiteral("assignSubjectButton"));
    m_unassignButton = new QPushButton(this);
    m_unassignButton->setObjectName(QStringLiteral("unassignSubjectButton"));
    auto *assignRow = new QHBoxLayout;
    assignRow->addWidget(m_subjectLabel);
    assignRow->addWidget(m_subjectEdit, 1);
    assignRow->addWidget(m_assignButton);
    assignRow->addWidget(m_unassignButton);
    // Scheduling on its own row: the tab stays narrow enough for the progress beside it at 1024 px.
    auto *scheduleRow = new QHBoxLayout;
    scheduleRow->addWidget(m_scheduleBox);
    scheduleRow->addWidget(m_scheduleEdit);
    scheduleRow->addStretch(1);
    auto *filterRow = new QHBoxLayout;
    filterRow->addStretch(1);
    filterRow->addWidget(m_showEnded);
    m_assignmentTable = makeListTable(m_assignmentProxy, QStringLiteral("assignmentsTable"), this);
    m_assignmentTable->setSortingEnabled(true);
    m_assignmentTable->sortByColumn(AssignmentTableModel::FromColumn, Qt::DescendingOrder);
    auto *assignmentsTab = new QWidget(this);
    auto *assignmentsLayout = new QVBoxLayout(assignmentsTab);
    assignmentsLayout->setContentsMargins(6, 6, 6, 6);
    assignmentsLayout->addLayout(assignRow);
    assignmentsLayout->addLayout(scheduleRow);
    assignmentsLayout->addWidget(m_assignmentTable, 1);
    assignmentsLayout->addLayout(filterRow);
    m_eventTable = makeListTable(m_events, QStringLiteral("entitlementEventsTable"), this);
    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("plansTabs"));
    m_tabs->addTab(assignmentsTab, QString());
    m_tabs->addTab(m_eventTable, QString());

    m_progressTitle = makeSectionTitle(this);
    m_progress = new QuotaProgressView(this);
    m_progress->setObjectName(QStringLiteral("quotaProgressView"));
    auto *scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(m_progress);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);

    auto *bottom = new QSplitter(Qt::Horizontal, this);
    bottom->setObjectName(QStringLiteral("plansBottomSplitter"));
    bottom->setChildrenCollapsible(false);
    bottom->addWidget(m_tabs);
    QWidget *progressPanel = panel(this, {m_progressTitle, scroll}, 1);
    // Room for a bar and its detail line; the splitter must not squeeze it below that.
    progressPanel->setMinimumWidth(280);
    bottom->addWidget(progressPanel);
    bottom->setStretchFactor(0, 3);
    bottom->setStretchFactor(1, 2);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->setObjectName(QStringLiteral("plansSplitter"));
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(top);
    splitter->addWidget(bottom);
    // Assignments and progress are what an admin works in; plans need a few rows.
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_header);
    layout->addWidget(m_error);
    layout->addWidget(splitter, 1);

    connect(m_newButton, &QPushButton::clicked, this, &PlansPage::openNewPlanDialog);
    connect(m_editButton, &QPushButton::clicked, this, &PlansPage::openEditPlanDialog);
    connect(m_deleteButton, &QPushButton::clicked, this, &PlansPage::deleteSelected);
    connect(m_refreshButton, &QPushButton::clicked, this, &PlansPage::refresh);
    connect(m_planTable, &QTableView::doubleClicked, this, &PlansPage::openEditPlanDialog);
    connect(m_planTable->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        showPlanDetails();
        updateActions();
    });
    connect(m_assignmentTable->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        const QString subject = selectedSubject();
        if (!subject.isEmpty()) {
            m_subjectEdit->setText(subject);
            showSubjectProgress(subject);
        }
        updateActions();
    });
    connect(m_eventTable, &QTableView::clicked, this, [this](const QModelIndex &index) {
        showSubjectProgress(index.data(EntitlementEventModel::SubjectRole).toString());
    });
    connect(m_subjectEdit, &QLineEdit::textChanged, this, &PlansPage::updateActions);
    connect(m_subjectEdit, &QLineEdit::returnPressed, m_assignButton, &QPushButton::click);
    connect(m_scheduleBox, &QCheckBox::toggled, m_scheduleEdit, &QWidget::setEnabled);
    connect(m_showEnded, &QCheckBox::toggled, this, &PlansPage::applyAssignmentFilter);
    connect(m_assignButton, &QPushButton::clicked, this, [this] {
        std::optional<qint64> at;
        if (m_scheduleBox->isChecked())
            at = m_scheduleEdit->dateTime().toMSecsSinceEpoch() * 1'000'000;
        assignSubject(m_subjectEdit->text().trimmed(), at);
    });
    connect(m_unassignButton, &QPushButton::clicked, this,
        [this] { unassignSubject(m_subjectEdit->text().trimmed()); });
    connect(m_loader, &AsyncRunner::busyChanged, this, [this](bool busy) {
        if (busy)
            m_header->setStatusText(tr("Loading…"));
        m_refreshButton->setEnabled(!busy);
    });
    connect(m_commands, &AsyncRunner::busyChanged, this, &PlansPage::updateActions);
    connect(&m_workspace, &WorkspaceContext::workspaceChanged, this, [this] {
        // Nothing of the old workspace may stay on screen or arrive late.
        m_loader->discardPending();
        m_detailLoader->discardPending();
        m_progressLoader->discardPending();
        m_commands->discardPending();
        m_commandError.clear();
        m_pendingPlan.clear();
        m_subjectEdit->clear();
        clearAll();
        refresh();
    });

    retranslateUi();
    applyAssignmentFilter();
    clearAll();
    refresh();
}

void PlansPage::applyAssignmentFilter()
{
    // Ended rows (every plan edit ends one per subject) are history: shown on request, with their end.
    m_assignmentProxy->setFilterRole(AssignmentTableModel::StatusRole);
    if (m_showEnded->isChecked())
        m_assignmentProxy->setFilterFixedString(QString());
    else
        m_assignmentProxy->setFilterRegularExpression(QStringLiteral("^(%1|%2)$")
                                                          .arg(int(AssignmentStatus::Scheduled))
                                                          .arg(int(AssignmentStatus::Active)));
    m_assignmentTable->setColumnHidden(AssignmentTableModel::UntilColumn, !m_showEnded->isChecked());
}

PlansPage::~PlansPage() = default;

QString PlansPage::errorText() const
{
    return m_error->text();
}

QString PlansPage::selectedPlanId() const
{
    const QModelIndexList rows = m_planTable->selectionModel()->selectedRows();
    return rows.isEmpty() ? QString() : rows.first().data(PlanTableModel::PlanIdRole).toString();
}

const Plan *PlansPage::selectedPlan() const
{
    const int row = m_plans->rowOfPlan(selectedPlanId());
    return row < 0 ? nullptr : &m_plans->planAt(row);
}

void PlansPage::selectPlan(const QString &id)
{
    const int row = m_plans->rowOfPlan(id);
    if (row >= 0)
        m_planTable->selectRow(m_planProxy->mapFromSource(m_plans->index(row, 0)).row());
}

QString PlansPage::selectedSubject() const
{
    const QModelIndexList rows = m_assignmentTable->selectionModel()->selectedRows();
    return rows.isEmpty() ? QString() : rows.first().data(AssignmentTableModel::SubjectRole).toString();
}

void PlansPage::refresh()
{
    Engine &engine = m_engine;
    m_loader->run([&engine, owner = m_workspace.owner()] { return loadSnapshot(engine, owner); },
        [this](Result<PlansSnapshot> result) {
            if (result) {
                m_error->showError(m_commandError);
                apply(result.value());
            } else {
                m_error->showError(tr("Could not load plans: %1").arg(ui::errorText(result.error())));
                m_header->setStatusText(tr("Load failed"));
            }
            Q_EMIT refreshed();
        });
}

void PlansPage::apply(const PlansSnapshot &snapshot)
{
    const QString selected = m_pendingPlan.isEmpty() ? selectedPlanId() : m_pendingPlan;
    m_pendingPlan.clear();
    const QString subject = selectedSubject();
    // Subjects on each plan now or later: open assignments, each subject once.
    QHash<QString, QSet<QString>> subjects;
    for (const PlanAssignment &a : snapshot.assignments)
        if (PlanAssignments::statusAt(a, snapshot.nowNs) != AssignmentStatus::Ended)
            subjects[a.planId].insert(a.subject);
    QHash<QString, int> counts;
    for (auto it = subjects.cbegin(); it != subjects.cend(); ++it)
        counts.insert(it.key(), int(it.value().size()));
    m_meters = snapshot.meters;
    m_plans->setPlans(snapshot.plans, counts);
    m_assignments->setAssignments(snapshot.assignments, snapshot.nowNs);
    m_events->setEvents(snapshot.events);

    if (!m_sizedColumns && !snapshot.plans.isEmpty()) {
        m_sizedColumns = true;
        m_planTable->resizeColumnsToContents();
        m_planTable->setColumnWidth(PlanTableModel::NameColumn, qMax(m_planTable->columnWidth(0) + 24, 200));
    }
    m_assignmentTable->resizeColumnsToContents();
    m_eventTable->resizeColumnsToContents();

    if (!selected.isEmpty() && m_plans->rowOfPlan(selected) >= 0)
        selectPlan(selected);
    else if (!snapshot.plans.isEmpty())
        m_planTable->selectRow(0);
    else
        showPlanDetails();
    if (const QModelIndex index
        = m_assignmentProxy->mapFromSource(m_assignments->index(m_assignments->rowOfSubject(subject), 0));
        index.isValid())
        m_assignmentTable->selectRow(index.row());
    else if (!m_progressSubject.isEmpty())
        showSubjectProgress(m_progressSubject); // usage may have moved on

    m_emptyNote->setVisible(snapshot.plans.isEmpty());
    const QString time = QTime::currentTime().toString(QStringLiteral("HH:mm:ss"));
    m_header->setStatusText(snapshot.plans.size() == 1
            ? tr("1 plan · updated %1").arg(time)
            : tr("%1 plans · updated %2").arg(snapshot.plans.size()).arg(time));
    updateActions();
}

void PlansPage::clearAll()
{
    m_plans->clear();
    m_assignments->clear();
    m_events->clear();
    m_meters.clear();
    m_limitsTable->setRowCount(0);
    m_history->clear();
    m_progressSubject.clear();
    m_progress->showMessage(tr("Select an assignment, or assign a subject, to see its quota progress."));
    m_emptyNote->hide();
    m_error->clearError();
    updateActions();
}

void PlansPage::showPlanDetails()
{
    const Plan *plan = selectedPlan();
    m_limitsTable->setRowCount(0);
    m_history->clear();
    if (!plan) {
        m_limitsTitle->setText(tr("Limits"));
        m_detailLoader->discardPending();
        return;
    }
    m_limitsTitle->setText(tr("Limits of \u201c%1\u201d").arg(plan->name));
    for (const PlanLimit &limit : plan->limits) {
        const int row = m_limitsTable->rowCount();
        m_limitsTable->insertRow(row);
        m_limitsTable->setItem(row, 0, new QTableWidgetItem(limit.meter));
        m_limitsTable->setItem(row, 1, new QTableWidgetItem(periodText(limit.period)));
        auto *value = new QTableWidgetItem(formatQuantity(limit.limit));
        value->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        m_limitsTable->setItem(row, 2, value);
        m_limitsTable->setItem(
            row, 3, new QTableWidgetItem(tr("%1 %").arg(formatQuantity(limit.warningPercent))));
    }
    Engine &engine = m_engine;
    m_detailLoader->run(
        [&engine, owner = m_workspace.owner(), id = plan->id] { return engine.plans().history(owner, id); },
        [this](Result<QList<Plan>> versions) {
            if (versions)
                showHistory(versions.value());
            else
                m_history->addItem(
                    tr("Could not load the versions: %1").arg(ui::errorText(versions.error())));
            Q_EMIT historyShown();
        });
}

void PlansPage::showHistory(const QList<Plan> &versions)
{
    m_history->clear();
    for (const Plan &version : versions) {
        QStringList limits;
        for (const PlanLimit &limit : version.limits)
            limits.append(
                tr("%1 %2/%3").arg(formatQuantity(limit.limit), limit.meter, periodText(limit.period)));
        QString text = tr("v%1 · %2 · %3")
                           .arg(version.version)
                           .arg(formatLocalDateTime(version.createdAtNs), limits.join(QStringLiteral(", ")));
        if (version.isCurrent)
            text += QLatin1Char(' ') + tr("(current)");
        auto *item = new QListWidgetItem(text, m_history);
        item->setData(Qt::UserRole, version.id);
        item->setToolTip(formatUtcTooltip(version.createdAtNs));
        if (version.isCurrent) {
            QFont font = item->font();
            font.setBold(true);
            item->setFont(font);
        }
    }
}

PlanEditorDialog *PlansPage::openNewPlanDialog()
{
    auto *dialog = new PlanEditorDialog(m_engine, m_workspace.owner(), m_meters, nullptr, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &PlanEditorDialog::planSaved, this, [this](const Plan &plan) {
        m_pendingPlan = plan.id;
        m_commandError.clear();
        refresh();
    });
    dialog->open();
    return dialog;
}

PlanEditorDialog *PlansPage::openEditPlanDialog()
{
    const Plan *plan = selectedPlan();
    if (!plan)
        return nullptr;
    auto *dialog = new PlanEditorDialog(m_engine, m_workspace.owner(), m_meters, plan, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &PlanEditorDialog::planSaved, this, [this](const Plan &saved) {
        m_pendingPlan = saved.id;
        m_commandError.clear();
        refresh();
    });
    dialog->open();
    return dialog;
}

void PlansPage::deleteSelected()
{
    const Plan *plan = selectedPlan();
    if (!plan)
        return;
    const auto answer = QMessageBox::question(this, tr("Delete plan"),
        tr("Delete \u201c%1\u201d with all its versions? Plans that ever had a subject assigned are kept.")
            .arg(plan->name),
        QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
    if (answer == QMessageBox::Yes)
        deletePlan(plan->id);
}

void PlansPage::runCommand(
    const QString &failureText, const QString &subject, std::function<Result<bool>()> work)
{
    m_commandError.clear();
    m_error->clearError();
    m_commands->run(std::move(work), [this, failureText, subject](Result<bool> result) {
        if (!result)
            m_commandError = failureText.arg(describePlanError(result.error()).text);
        // Asked only now: the progress runner must not read before the command is stored.
        if (!subject.isEmpty())
            showSubjectProgress(subject);
        refresh();
        Q_EMIT commandFinished();
    });
}

void PlansPage::deletePlan(const QString &planId)
{
    const int row = m_plans->rowOfPlan(planId);
    const QString name = row >= 0 ? m_plans->planAt(row).name : planId;
    Engine &engine = m_engine;
    runCommand(tr("Could not delete \u201c%1\u201d. %2").arg(name, QStringLiteral("%1")), QString(),
        [&engine, owner = m_workspace.owner(), planId]() -> Result<bool> {
            if (auto s = engine.plans().remove(owner, planId); !s)
                return s.error();
            return true;
        });
}

void PlansPage::assignSubject(const QString &subject, std::optional<qint64> effectiveAtNs)
{
    const Plan *plan = selectedPlan();
    if (!plan || subject.isEmpty())
        return;
    const QString at = effectiveAtNs ? rfc3339(*effectiveAtNs) : QString();
    Engine &engine = m_engine;
    runCommand(tr("Could not assign \u201c%1\u201d. %2").arg(subject, QStringLiteral("%1")), subject,
        [&engine, owner = m_workspace.owner(), subject, id = plan->id, at]() -> Result<bool> {
            auto assigned = engine.assignments().assign(owner, subject, id, at);
            if (!assigned)
                return assigned.error();
            return true;
        });
}

void PlansPage::unassignSubject(const QString &subject)
{
    if (subject.isEmpty())
        return;
    Engine &engine = m_engine;
    runCommand(tr("Could not unassign \u201c%1\u201d. %2").arg(subject, QStringLiteral("%1")), subject,
        [&engine, owner = m_workspace.owner(), subject]() -> Result<bool> {
            if (auto s = engine.assignments().unassign(owner, subject); !s)
                return s.error();
            return true;
        });
}

void PlansPage::showSubjectProgress(const QString &subject)
{
    if (subject.isEmpty())
        return;
    m_progressSubject = subject;
    Engine &engine = m_engine;
    m_progressLoader->run([&engine, owner = m_workspace.owner(),
                              subject] { return engine.entitlements().progress(owner, subject); },
        [this, subject](Result<SubjectProgress> progress) {
            if (progress)
                m_progress->setProgress(progress.value());
            else if (progress.error().kind == ErrorKind::NotFound)
                m_progress->showMessage(tr("No plan is in effect for %1 now.").arg(subject));
            else
                m_progress->showMessage(tr("Could not load the progress of %1: %2")
                                            .arg(subject, ui::errorText(progress.error())));
            Q_EMIT progressShown();
        });
}

void PlansPage::updateActions()
{
    const bool selected = selectedPlan() != nullptr;
    const bool busy = m_commands->isBusy();
    m_editButton->setEnabled(selected);
    m_deleteButton->setEnabled(selected && !busy);
    const bool haveSubject = !m_subjectEdit->text().trimmed().isEmpty();
    m_assignButton->setEnabled(selected && haveSubject && !busy);
    m_unassignButton->setEnabled(haveSubject && !busy);
}

void PlansPage::retranslateUi()
{
    m_header->setTitle(tr("Plans"));
    m_header->setDescription(tr("Quotas per subject: a plan's limits count a meter's usage per period, warn "
                                "at a percent and report when a subject exceeds them."));
    m_newButton->setText(tr("New plan…"));
    m_newButton->setToolTip(tr("Define a plan with its limits"));
    m_editButton->setText(tr("Edit…"));
    m_editButton->setToolTip(tr("Change the selected plan: saves a new version after showing its effect"));
    m_deleteButton->setText(tr("Delete"));
    m_deleteButton->setToolTip(tr("Delete the selected plan; refused once it has had assignments"));
    m_refreshButton->setText(tr("Refresh"));
    m_refreshButton->setToolTip(tr("Reload plans, assignments and events (F5)"));
    m_plansTitle->setText(tr("Plans"));
    m_emptyNote->setText(tr("No plans yet. \u201cNew plan…\u201d defines one: pick a meter, a period and "
                            "how much is included."));
    m_limitsTable->setHorizontalHeaderLabels({tr("Meter"), tr("Period"), tr("Limit"), tr("Warning at")});
    m_historyTitle->setText(tr("Version history"));
    m_subjectLabel->setText(tr("&Subject:"));
    m_subjectEdit->setPlaceholderText(tr("e.g. customer-1"));
    m_scheduleBox->setText(tr("Starting"));
    m_scheduleBox->setToolTip(tr("Schedule the assignment for a later time instead of now"));
    m_assignButton->setText(tr("Assign"));
    m_assignButton->setToolTip(tr("Assign the subject to the selected plan"));
    m_unassignButton->setText(tr("Unassign"));
    m_unassignButton->setToolTip(tr("End the subject's active and scheduled assignments now"));
    m_tabs->setTabText(0, tr("Assignments"));
    m_tabs->setTabText(1, tr("Entitlement events"));
    m_progressTitle->setText(tr("Quota progress"));
    m_showEnded->setText(tr("Show ended"));
    m_showEnded->setToolTip(tr("Also list assignments that have ended (plan edits end one per subject)"));
    showPlanDetails();
}

void PlansPage::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
}

} // namespace osc::ui
