#pragma once

#include "alerts/AlertService.h"
#include "model/Meter.h"

#include <QHash>
#include <QWidget>

class QLabel;
class QPushButton;
class QSortFilterProxyModel;
class QTabWidget;
class QTableView;

namespace osc {
class Engine;
}

namespace osc::ui {

class AlertDestinationsPanel;
class AlertEventModel;
class AlertRuleDialog;
class AlertRuleModel;
class AlertStateModel;
class AsyncRunner;
class DeliveryAttemptModel;
class DestinationDialog;
class DestinationModel;
class InlineErrorLabel;
class PageHeader;
class WebhookSecretDialog;
class WorkspaceContext;
struct AlertsSnapshot;

// Alerts (contract §9): rules with their live state per group, the rule editor (filter builder and the
// current value while typing), webhook destinations (the secret shown once, rotation, a signed test
// event), and the event feed with each event's delivery log. Follows the selected workspace; every engine
// call runs off the GUI thread; failures show inline.
class AlertsPage : public QWidget
{
    Q_OBJECT

public:
    enum Tab
    {
        RulesTab,
        EventsTab,
        DestinationsTab
    };
    AlertsPage(osc::Engine &engine, WorkspaceContext &workspace, QWidget *parent = nullptr);
    ~AlertsPage() override;

    AlertRuleModel *ruleModel() const { return m_rules; }
    AlertStateModel *stateModel() const { return m_states; }
    AlertEventModel *eventModel() const { return m_events; }
    DeliveryAttemptModel *deliveryModel() const { return m_deliveries; }
    AlertDestinationsPanel *destinationsPanel() const { return m_destinationsPanel; }
    DestinationModel *destinationModel() const;
    DeliveryAttemptModel *testDeliveryModel() const;
    QTableView *ruleTable() const { return m_ruleTable; }
    QTableView *stateTable() const { return m_stateTable; }
    QTableView *eventTable() const { return m_eventTable; }
    QTabWidget *tabs() const { return m_tabs; }
    QLabel *testNote() const;
    QString errorText() const;
    QString selectedRuleId() const;
    QString selectedDestinationId() const;
    QString selectedEventId() const;
    void selectRule(const QString &id);
    void selectEvent(const QString &id);

public Q_SLOTS:
    void refresh();
    AlertRuleDialog *openNewRuleDialog();
    AlertRuleDialog *openEditRuleDialog();
    DestinationDialog *openNewDestinationDialog();
    // Asks for confirmation first.
    void deleteSelectedRule();
    // Without asking: what the confirmation above runs.
    void deleteRule(const QString &ruleId);
    void evaluateSelectedRule();
    // The Destinations tab's commands (AlertDestinationsPanel).
    void deleteDestination(const QString &destinationId);
    void rotateSecret(const QString &destinationId);
    // The dialog showing a new secret, while it is open (else null).
    WebhookSecretDialog *secretDialog() const;

Q_SIGNALS:
    void refreshed();
    // A command (delete, rotate, evaluate, send test) was answered.
    void commandFinished();
    // The delivery log of the selected event, or of the selected destination's test, arrived.
    void deliveriesShown();

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void apply(const AlertsSnapshot &snapshot);
    void clearAll();
    void showRuleStates();
    void showEventDeliveries();
    void runCommand(const QString &failureText, std::function<osc::Status()> work);
    void onCommandDone(const QString &failure);
    void updateActions();
    const osc::AlertRuleView *selectedRule() const;

    osc::Engine &m_engine;
    WorkspaceContext &m_workspace;
    AsyncRunner *m_loader = nullptr;
    AsyncRunner *m_commands = nullptr;
    AsyncRunner *m_logLoader = nullptr;
    AlertRuleModel *m_rules = nullptr;
    QSortFilterProxyModel *m_ruleProxy = nullptr;
    AlertStateModel *m_states = nullptr;
    AlertEventModel *m_events = nullptr;
    DeliveryAttemptModel *m_deliveries = nullptr;
    QList<osc::Meter> m_meters;
    QList<osc::AlertDestination> m_destinationList;

    PageHeader *m_header = nullptr;
    InlineErrorLabel *m_error = nullptr;
    QPushButton *m_refreshButton = nullptr;
    QTabWidget *m_tabs = nullptr;
    QPushButton *m_newRule = nullptr;
    QPushButton *m_editRule = nullptr;
    QPushButton *m_evaluateRule = nullptr;
    QPushButton *m_deleteRule = nullptr;
    QLabel *m_rulesEmpty = nullptr;
    QLabel *m_statesTitle = nullptr;
    QTableView *m_ruleTable = nullptr;
    QTableView *m_stateTable = nullptr;
    QTableView *m_eventTable = nullptr;
    QLabel *m_deliveriesTitle = nullptr;
    QTableView *m_deliveryTable = nullptr;
    AlertDestinationsPanel *m_destinationsPanel = nullptr;
    QString m_commandError;
    QString m_pendingRule;
};

} // namespace osc::ui
