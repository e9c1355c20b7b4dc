#pragma once

#include "model/Alert.h"

#include <QHash>
#include <QWidget>

class QLabel;
class QPushButton;
class QTableView;
class QTimer;

namespace osc {
class Engine;
}

namespace osc::ui {

class AsyncRunner;
class DeliveryAttemptModel;
class DestinationDialog;
class DestinationModel;
class WebhookSecretDialog;
class WorkspaceContext;

// The Alerts page's Destinations tab: webhook destinations (new, edit, delete, rotate the secret, which
// is shown once with a Copy button) and the selected one's test deliveries ("Send test event" queues a
// signed `test` event; its attempts are read again until it is delivered). Fed by the page's load; every
// change is reported through commandDone() so the page reloads and shows a failure inline.
class AlertDestinationsPanel : public QWidget
{
    Q_OBJECT

public:
    // While a test delivery has no successful attempt yet, its log is read again this often, this many
    // times.
    static constexpr int kTestPollMs = 1500;
    static constexpr int kTestPolls = 20;

    AlertDestinationsPanel(osc::Engine &engine, WorkspaceContext &workspace, QWidget *parent = nullptr);
    ~AlertDestinationsPanel() override;

    // `ruleCounts`: destination id → rules naming it. Keeps the selection (or the one just saved).
    void setDestinations(
        const QList<osc::AlertDestination> &destinations, const QHash<QString, int> &ruleCounts);
    // Forgets everything, the tests sent included (a workspace switch).
    void clear();

    DestinationModel *destinationModel() const { return m_destinations; }
    DeliveryAttemptModel *testDeliveryModel() const { return m_testDeliveries; }
    QTableView *destinationTable() const { return m_table; }
    QLabel *testNote() const { return m_testNote; }
    // The dialog showing a new secret, while it is open (else null).
    WebhookSecretDialog *secretDialog() const { return m_secretDialog; }
    QString selectedDestinationId() const;
    void selectDestination(const QString &id);

public Q_SLOTS:
    DestinationDialog *openNewDestinationDialog();
    DestinationDialog *openEditDestinationDialog();
    // Ask for confirmation first.
    void deleteSelectedDestination();
    void rotateSelectedSecret();
    // Without asking: what the confirmations run.
    void deleteDestination(const QString &destinationId);
    void rotateSecret(const QString &destinationId);
    void sendTestToSelectedDestination();
    void showTestDeliveries();

Q_SIGNALS:
    // A destination was saved, deleted or rotated, or a test queued: `failure` is empty or says why not.
    // The page reloads and shows the failure inline.
    void commandDone(const QString &failure);
    void testDeliveriesShown();

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void updateActions();
    void showSecret(const osc::AlertDestination &destination, bool rotated);
    const osc::AlertDestination *selectedDestination() const;

    osc::Engine &m_engine;
    WorkspaceContext &m_workspace;
    AsyncRunner *m_commands = nullptr;
    AsyncRunner *m_testLogLoader = nullptr;
    QTimer *m_testPoll = nullptr;
    DestinationModel *m_destinations = nullptr;
    DeliveryAttemptModel *m_testDeliveries = nullptr;
    QHash<QString, QString> m_testEvents; // destination id → its last test event id (this session)
    int m_testPollsLeft = 0;
    QString m_pendingDestination;

    QPushButton *m_new = nullptr;
    QPushButton *m_edit = nullptr;
    QPushButton *m_rotate = nullptr;
    QPushButton *m_sendTest = nullptr;
    QPushButton *m_delete = nullptr;
    QTableView *m_table = nullptr;
    QLabel *m_testTitle = nullptr;
    QLabel *m_testNote = nullptr;
    QTableView *m_testTable = nullptr;
    WebhookSecretDialog *m_secretDialog = nullptr;
};

} // namespace osc::ui
