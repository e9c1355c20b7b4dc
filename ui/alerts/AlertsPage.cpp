#include "ui/alerts/AlertsPage.h"

#include "Engine.h"
#include "ui/alerts/AlertDestinationsPanel.h"
#include "ui/alerts/AlertEventModel.h"
#include "ui/alerts/AlertRuleDialog.h"
#include "ui/alerts/AlertRuleModel.h"
#include "ui/alerts/AlertStateModel.h"
#include "ui/alerts/DeliveryAttemptModel.h"
#include "ui/alerts/DestinationModel.h"
#include "ui/common/AsyncRunner.h"
#include "ui/common/DisplayFormat.h"
#include "ui/common/InlineErrorLabel.h"
#include "ui/common/ListTable.h"
#include "ui/common/MeterList.h"
#include "ui/common/PageHeader.h"
#include "ui/common/WorkspaceContext.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QTime>
#include <QVBoxLayout>

namespace osc::ui {

// Everything the page lists, read in one go on a worker thread.
struct AlertsSnapshot
{
    QList<AlertRuleView> rules;
    QList<AlertDestination> destinations;
    QList<AlertEvent> events;
    QList<Meter> meters;
};

namespace {

constexpr int kEventRows = 200;

Result<AlertsSnapshot> loadSnapshot(Engine &engine, const Principal &owner)
{
    AlertsSnapshot snapshot;
    auto rules = engine.alerts().listRules(owner, QString(), std::nullopt, AlertService::kMaxPageSize);
    if (!rules)
        return rules.error();
    snapshot.rules = std::move(rules.value());
    auto destinations
        = engine.alerts().listDestinations(owner, QString(), std::nullopt, AlertService::kMaxPageSize);
    if (!destinations)
        return destinations.error();
    snapshot.destinations = std::move(destinations.value());
    auto events = engine.alerts().listEvents(owner, QString(), kEventRows, QString());
    if (!events)
        return events.error();
    snapshot.events = std::move(events->items);
    auto meters = loadAllMeters(engine, owner);
    if (!meters)
        return meters.error();
    snapshot.meters = std::move(meters.value());
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

QHBoxLayout *buttonRow(std::initializer_list<QPushButton *> buttons)
{
    auto *row = new QHBoxLayout;
    for (QPushButton *button : buttons)
        row->addWidget(button);
    row->addStretch(1);
    return row;
}

QString selectedId(QTableView *table, int role)
{
    const QModelIndexList rows = table->selectionModel()->selectedRows();
    return rows.isEmpty() ? QString() : rows.first().data(role).toString();
}

} // namespace

AlertsPage::AlertsPage(Engine &engine, WorkspaceContext &workspace, QWidget *parent)
    : QWidget(parent)
    , m_engine(engine)
    , m_workspace(workspace)
{
    m_loader = new AsyncRunner(this);
    m_commands = new AsyncRunner(this);
    m_logLoader = new AsyncRunner(this);

    m_rules = new AlertRuleModel(this);
    m_ruleProxy = new QSortFilterProxyModel(this);
    m_ruleProxy->setSourceModel(m_rules);
    m_ruleProxy->setSortRole(AlertRuleModel::SortRole);
    m_states = new AlertStateModel(this);
    m_events = new AlertEventModel(this);
    m_deliveries = new DeliveryAttemptModel(this);

    m_header = new PageHeader(QString(), QString(), this);
    m_refreshButton = new QPushButton(style()->standardIcon(QStyle::SP_BrowserReload), QString(), this);
    m_refreshButton->setObjectName(QStringLiteral("alertsRefreshButton"));
    m_header->addTrailingWidget(m_refreshButton);
    m_error = new InlineErrorLabel(this);
    m_error->setObjectName(QStringLiteral("alertsError"));

    // Rules, and the selected rule's state per group.
    m_newRule = new QPushButton(style()->standardIcon(QStyle::SP_FileDialogNewFolder), QString(), this);
    m_newRule->setObjectName(QStringLiteral("newRuleButton"));
    m_editRule = new QPushButton(style()->standardIcon(QStyle::SP_FileDialogDetailedView), QString(), this);
    m_editRule->setObjectName(QStringLiteral("editRuleButton"));
    m_evaluateRule = new QPushButton(style()->standardIcon(QStyle::SP_MediaPlay), QString(), this);
    m_evaluateRule->setObjectName(QStringLiteral("evaluateRuleButton"));
    m_deleteRule = new QPushButton(style()->standardIcon(QStyle::SP_TrashIcon), QString(), this);
    m_deleteRule->setObjectName(QStringLiteral("deleteRuleButton"));
    m_ruleTable = makeListTable(m_ruleProxy, QStringLiteral("alertRulesTable"), this);
    m_ruleTable->setSortingEnabled(true);
    m_ruleTable->sortByColumn(AlertRuleModel::StateColumn, Qt::AscendingOrder);
    m_rulesEmpty = new QLabel(this);
    m_rulesEmpty->setObjectName(QStringLiteral("alertRulesEmptyNote"));
    m_rulesEmpty->setWordWrap(true);
    PageHeader::makeMuted(m_rulesEmpty);
    m_statesTitle = makeSectionTitle(this);
    m_stateTable = makeListTable(m_states, QStringLiteral("alertStatesTable"), this);
    auto *rulesTab = new QWidget(this);
    auto *rulesLayout = new QVBoxLayout(rulesTab);
    rulesLayout->setContentsMargins(6, 6, 6, 6);
    rulesLayout->addLayout(buttonRow({m_newRule, m_editRule, m_evaluateRule, m_deleteRule}));
    auto *rulesSplitter = new QSplitter(Qt::Vertical, rulesTab);
    rulesSplitter->setObjectName(QStringLiteral("alertRulesSplitter"));
    rulesSplitter->setChildrenCollapsible(false);
    rulesSplitter->addWidget(panel(rulesTab, {m_ruleTable, m_rulesEmpty}, 0));
    rulesSplitter->addWidget(panel(rulesTab, {m_statesTitle, m_stateTable}, 1));
    rulesSplitter->setStretchFactor(0, 3);
    rulesSplitter->setStretchFactor(1, 2);
    rulesLayout->addWidget(rulesSplitter, 1);

    // Events, and the selected one's delivery log.
    m_eventTable = makeListTable(m_events, QStringLiteral("alertEventsTable"), this);
    m_deliveriesTitle = makeSectionTitle(this);
    m_deliveryTable = makeListTable(m_deliveries, QStringLiteral("alertDeliveriesTable"), this);
    auto *eventsSplitter = new QSplitter(Qt::Vertical, this);
    eventsSplitter->setObjectName(QStringLiteral("alertEventsSplitter"));
    eventsSplitter->setChildrenCollapsible(false);
    eventsSplitter->addWidget(m_eventTable);
    eventsSplitter->addWidget(panel(this, {m_deliveriesTitle, m_deliveryTable}, 1));
    eventsSplitter->setStretchFactor(0, 3);
    eventsSplitter->setStretchFactor(1, 2);
    auto *eventsTab = new QWidget(this);
    auto *eventsLayout = new QVBoxLayout(eventsTab);
    eventsLayout->setContentsMargins(6, 6, 6, 6);
    eventsLayout->addWidget(eventsSplitter, 1);

    m_destinationsPanel = new AlertDestinationsPanel(m_engine, m_workspace, this);

    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("alertsTabs"));
    m_tabs->addTab(rulesTab, QString());
    m_tabs->addTab(eventsTab, QString());
    m_tabs->addTab(m_destinationsPanel, QString());

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_header);
    layout->addWidget(m_error);
    layout->addWidget(m_tabs, 1);

    connect(m_refreshButton, &QPushButton::clicked, this, &AlertsPage::refresh);
    connect(m_newRule, &QPushButton::clicked, this, &AlertsPage::openNewRuleDialog);
    connect(m_editRule, &QPushButton::clicked, this, &AlertsPage::openEditRuleDialog);
    connect(m_evaluateRule, &QPushButton::clicked, this, &AlertsPage::evaluateSelectedRule);
    connect(m_deleteRule, &QPushButton::clicked, this, &AlertsPage::deleteSelectedRule);
    connect(m_ruleTable, &QTableView::doubleClicked, this, &AlertsPage::openEditRuleDialog);
    connect(m_ruleTable->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        showRuleStates();
        updateActions();
    });
    connect(m_eventTable->selectionModel(), &QItemSelectionModel::selectionChanged, this,
        &AlertsPage::showEventDeliveries);
    connect(m_destinationsPanel, &AlertDestinationsPanel::commandDone, this, &AlertsPage::onCommandDone);
    connect(m_loader, &AsyncRunner::busyChanged, this, [this](bool busy) {
        if (busy)
            m_header->setStatusText(tr("Loading…"));
        m_refreshButton->setEnabled(!busy);
    });
    connect(m_commands, &AsyncRunner::busyChanged, this, &AlertsPage::updateActions);
    connect(&m_workspace, &WorkspaceContext::workspaceChanged, this, [this] {
        // Nothing of the old workspace may stay on screen or arrive late.
        for (AsyncRunner *runner : {m_loader, m_commands, m_logLoader})
            runner->discardPending();
        m_destinationsPanel->clear();
        m_commandError.clear();
        m_pendingRule.clear();
        clearAll();
        refresh();
    });

    retranslateUi();
    clearAll();
    refresh();
}

AlertsPage::~AlertsPage() = default;

QString AlertsPage::errorText() const
{
    return m_error->text();
}

QString AlertsPage::selectedRuleId() const
{
    return selectedId(m_ruleTable, AlertRuleModel::RuleIdRole);
}

QString AlertsPage::selectedDestinationId() const
{
    return m_destinationsPanel->selectedDestinationId();
}

DestinationModel *AlertsPage::destinationModel() const
{
    return m_destinationsPanel->destinationModel();
}

DeliveryAttemptModel *AlertsPage::testDeliveryModel() const
{
    return m_destinationsPanel->testDeliveryModel();
}

QLabel *AlertsPage::testNote() const
{
    return m_destinationsPanel->testNote();
}

WebhookSecretDialog *AlertsPage::secretDialog() const
{
    return m_destinationsPanel->secretDialog();
}

QString AlertsPage::selectedEventId() const
{
    return selectedId(m_eventTable, AlertEventModel::EventIdRole);
}

const AlertRuleView *AlertsPage::selectedRule() const
{
    const int row = m_rules->rowOfRule(selectedRuleId());
    return row < 0 ? nullptr : &m_rules->ruleAt(row);
}

void AlertsPage::selectRule(const QString &id)
{
    const int row = m_rules->rowOfRule(id);
    if (row >= 0)
        m_ruleTable->selectRow(m_ruleProxy->mapFromSource(m_rules->index(row, 0)).row());
}

void AlertsPage::selectEvent(const QString &id)
{
    const int row = m_events->rowOfEvent(id);
    if (row >= 0)
        m_eventTable->selectRow(row);
}

void AlertsPage::refresh()
{
    Engine &engine = m_engine;
    m_loader->run([&engine, owner = m_workspace.owner()] { return loadSnapshot(engine, owner); },
        [this](Result<AlertsSnapshot> result) {
            if (result) {
                m_error->showError(m_commandError);
                apply(result.value());
            } else {
                m_error->showError(tr("Could not load alerts: %1").arg(ui::errorText(result.error())));
                m_header->setStatusText(tr("Load failed"));
            }
            Q_EMIT refreshed();
        });
}

void AlertsPage::apply(const AlertsSnapshot &snapshot)
{
    const QString rule = m_pendingRule.isEmpty() ? selectedRuleId() : m_pendingRule;
    const QString event = selectedEventId();
    m_pendingRule.clear();
    m_meters = snapshot.meters;
    m_destinationList = snapshot.destinations;
    QHash<QString, QString> ruleNames;
    QHash<QString, int> ruleCounts;
    for (const AlertRuleView &view : snapshot.rules) {
        ruleNames.insert(view.rule.id, view.rule.name);
        ruleCounts[view.rule.destinationId] += 1;
    }
    m_rules->setRules(snapshot.rules);
    m_events->setEvents(snapshot.events, ruleNames);
    m_destinationsPanel->setDestinations(snapshot.destinations, ruleCounts);
    for (QTableView *table : {m_ruleTable, m_eventTable})
        table->resizeColumnsToContents();

    if (m_rules->rowOfRule(rule) >= 0)
        selectRule(rule);
    else if (!snapshot.rules.isEmpty())
        m_ruleTable->selectRow(0);
    else
        showRuleStates();
    if (m_events->rowOfEvent(event) >= 0) {
        selectEvent(event);
        showEventDeliveries(); // its attempts may have moved on
    } else {
        showEventDeliveries();
    }

    m_rulesEmpty->setVisible(snapshot.rules.isEmpty());
    const QString time = QTime::currentTime().toString(QStringLiteral("HH:mm:ss"));
    const QString rules
        = snapshot.rules.size() == 1 ? tr("1 rule") : tr("%1 rules").arg(snapshot.rules.size());
    m_header->setStatusText(
        tr("%1, %2 alerting · updated %3").arg(rules).arg(m_rules->alertingCount()).arg(time));
    updateActions();
}

void AlertsPage::clearAll()
{
    m_rules->clear();
    m_states->clear();
    m_events->clear();
    m_deliveries->clear();
    m_meters.clear();
    m_destinationList.clear();
    m_rulesEmpty->hide();
    m_error->clearError();
    showRuleStates();
    updateActions();
}

void AlertsPage::showRuleStates()
{
    const AlertRuleView *view = selectedRule();
    m_states->setStates(view ? view->states : QList<AlertState>());
    m_stateTable->resizeColumnsToContents();
    if (!view)
        m_statesTitle->setText(tr("State per group"));
    else if (view->states.isEmpty())
        m_statesTitle->setText(tr("\u201c%1\u201d has not been evaluated yet").arg(view->rule.name));
    else
        m_statesTitle->setText(tr("State per group of \u201c%1\u201d").arg(view->rule.name));
}

void AlertsPage::showEventDeliveries()
{
    const QString eventId = selectedEventId();
    if (eventId.isEmpty()) {
        m_logLoader->discardPending();
        m_deliveries->clear();
        m_deliveriesTitle->setText(tr("Delivery log (select an event)"));
        return;
    }
    m_deliveriesTitle->setText(tr("Delivery log"));
    Engine &engine = m_engine;
    m_logLoader->run([&engine, owner = m_workspace.owner(),
                         eventId] { return engine.alerts().deliveryLog(owner, eventId); },
        [this](Result<QList<WebhookAttempt>> log) {
            if (log) {
                m_deliveries->setAttempts(log.value());
                m_deliveriesTitle->setText(log->isEmpty()
                        ? tr("Delivery log: no attempt (not sent, or still queued)")
                        : log->size() == 1 ? tr("Delivery log: 1 attempt")
                                           : tr("Delivery log: %1 attempts").arg(log->size()));
            } else {
                m_deliveries->clear();
                m_deliveriesTitle->setText(
                    tr("Could not load the delivery log: %1").arg(ui::errorText(log.error())));
            }
            m_deliveryTable->resizeColumnsToContents();
            Q_EMIT deliveriesShown();
        });
}

AlertRuleDialog *AlertsPage::openNewRuleDialog()
{
    auto *dialog
        = new AlertRuleDialog(m_engine, m_workspace.owner(), m_meters, m_destinationList, nullptr, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &AlertRuleDialog::ruleSaved, this, [this](const AlertRuleView &saved) {
        m_pendingRule = saved.rule.id;
        m_commandError.clear();
        m_tabs->setCurrentIndex(RulesTab);
        refresh();
    });
    dialog->open();
    return dialog;
}

AlertRuleDialog *AlertsPage::openEditRuleDialog()
{
    const AlertRuleView *view = selectedRule();
    if (!view)
        return nullptr;
    auto *dialog
        = new AlertRuleDialog(m_engine, m_workspace.owner(), m_meters, m_destinationList, view, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &AlertRuleDialog::ruleSaved, this, [this](const AlertRuleView &saved) {
        m_pendingRule = saved.rule.id;
        m_commandError.clear();
        refresh();
    });
    dialog->open();
    return dialog;
}

DestinationDialog *AlertsPage::openNewDestinationDialog()
{
    m_tabs->setCurrentIndex(DestinationsTab);
    return m_destinationsPanel->openNewDestinationDialog();
}

void AlertsPage::runCommand(const QString &failureText, std::function<Status()> work)
{
    m_error->clearError();
    m_commands->run(std::move(work), [this, failureText](Status result) {
        onCommandDone(result ? QString() : failureText.arg(ui::errorText(result.error())));
    });
}

void AlertsPage::onCommandDone(const QString &failure)
{
    m_commandError = failure;
    refresh();
    Q_EMIT commandFinished();
}

void AlertsPage::deleteSelectedRule()
{
    const AlertRuleView *view = selectedRule();
    if (!view)
        return;
    const auto answer = QMessageBox::question(this, tr("Delete alert rule"),
        tr("Delete \u201c%1\u201d with its states, events and delivery log?").arg(view->rule.name),
        QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
    if (answer == QMessageBox::Yes)
        deleteRule(view->rule.id);
}

void AlertsPage::deleteRule(const QString &ruleId)
{
    const int row = m_rules->rowOfRule(ruleId);
    const QString name = row >= 0 ? m_rules->ruleAt(row).rule.name : ruleId;
    Engine &engine = m_engine;
    runCommand(tr("Could not delete \u201c%1\u201d: %2").arg(name, QStringLiteral("%1")),
        [&engine, owner = m_workspace.owner(), ruleId] { return engine.alerts().removeRule(owner, ruleId); });
}

void AlertsPage::deleteDestination(const QString &destinationId)
{
    m_destinationsPanel->deleteDestination(destinationId);
}

void AlertsPage::rotateSecret(const QString &destinationId)
{
    m_destinationsPanel->rotateSecret(destinationId);
}

void AlertsPage::evaluateSelectedRule()
{
    const AlertRuleView *view = selectedRule();
    if (!view)
        return;
    Engine &engine = m_engine;
    runCommand(tr("Could not evaluate \u201c%1\u201d: %2").arg(view->rule.name, QStringLiteral("%1")),
        [&engine, owner = m_workspace.owner(), id = view->rule.id]() -> Status {
            auto result = engine.alerts().evaluateNow(owner, id);
            if (!result)
                return result.error();
            return {};
        });
}

void AlertsPage::updateActions()
{
    const bool rule = selectedRule() != nullptr;
    const bool busy = m_commands->isBusy();
    m_newRule->setEnabled(!m_meters.isEmpty() && !m_destinationList.isEmpty());
    m_editRule->setEnabled(rule);
    m_evaluateRule->setEnabled(rule && !busy);
    m_deleteRule->setEnabled(rule && !busy);
}

void AlertsPage::retranslateUi()
{
    m_header->setTitle(tr("Alerts"));
    m_header->setDescription(tr("Threshold rules over a meter's usage in a window, per group; triggered and "
                                "resolved events go to signed webhooks."));
    m_refreshButton->setText(tr("Refresh"));
    m_refreshButton->setToolTip(tr("Reload rules, events and destinations (F5)"));
    m_newRule->setText(tr("New rule…"));
    m_newRule->setToolTip(tr("Watch a meter: needs a meter and a destination"));
    m_editRule->setText(tr("Edit…"));
    m_editRule->setToolTip(tr("Change the selected rule; it is evaluated again at once"));
    m_evaluateRule->setText(tr("Evaluate now"));
    m_evaluateRule->setToolTip(tr("Evaluate the selected rule now and record its state (sends no webhook)"));
    m_deleteRule->setText(tr("Delete"));
    m_deleteRule->setToolTip(tr("Delete the selected rule with its events"));
    m_rulesEmpty->setText(tr("No alert rules yet. Add a destination (the webhook that receives events), then "
                             "\u201cNew rule…\u201d watches a meter against a threshold."));
    m_tabs->setTabText(RulesTab, tr("Rules"));
    m_tabs->setTabText(EventsTab, tr("Events"));
    m_tabs->setTabText(DestinationsTab, tr("Destinations"));
    showRuleStates();
    if (selectedEventId().isEmpty())
        m_deliveriesTitle->setText(tr("Delivery log (select an event)"));
}

void AlertsPage::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
}

} // namespace osc::ui
