#include "ui/alerts/AlertDestinationsPanel.h"

#include "Engine.h"
#include "ui/alerts/DeliveryAttemptModel.h"
#include "ui/alerts/DestinationDialog.h"
#include "ui/alerts/DestinationModel.h"
#include "ui/alerts/WebhookSecretDialog.h"
#include "ui/common/AsyncRunner.h"
#include "ui/common/DisplayFormat.h"
#include "ui/common/ListTable.h"
#include "ui/common/PageHeader.h"
#include "ui/common/WorkspaceContext.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QItemSelectionModel>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace osc::ui {

namespace {

constexpr int kMaxUrlColumnWidth = 360;

} // namespace

AlertDestinationsPanel::AlertDestinationsPanel(Engine &engine, WorkspaceContext &workspace, QWidget *parent)
    : QWidget(parent)
    , m_engine(engine)
    , m_workspace(workspace)
{
    m_commands = new AsyncRunner(this);
    m_testLogLoader = new AsyncRunner(this);
    m_testPoll = new QTimer(this);
    m_testPoll->setSingleShot(true);
    m_testPoll->setInterval(kTestPollMs);
    connect(m_testPoll, &QTimer::timeout, this, &AlertDestinationsPanel::showTestDeliveries);
    m_destinations = new DestinationModel(this);
    m_testDeliveries = new DeliveryAttemptModel(this);

    m_new = new QPushButton(style()->standardIcon(QStyle::SP_FileDialogNewFolder), QString(), this);
    m_new->setObjectName(QStringLiteral("newDestinationButton"));
    m_edit = new QPushButton(style()->standardIcon(QStyle::SP_FileDialogDetailedView), QString(), this);
    m_edit->setObjectName(QStringLiteral("editDestinationButton"));
    m_rotate = new QPushButton(style()->standardIcon(QStyle::SP_BrowserReload), QString(), this);
    m_rotate->setObjectName(QStringLiteral("rotateSecretButton"));
    m_sendTest = new QPushButton(style()->standardIcon(QStyle::SP_ArrowRight), QString(), this);
    m_sendTest->setObjectName(QStringLiteral("sendTestButton"));
    m_delete = new QPushButton(style()->standardIcon(QStyle::SP_TrashIcon), QString(), this);
    m_delete->setObjectName(QStringLiteral("deleteDestinationButton"));
    m_table = makeListTable(m_destinations, QStringLiteral("alertDestinationsTable"), this);
    m_table->setTextElideMode(Qt::ElideMiddle);
    m_testTitle = makeSectionTitle(this);
    m_testNote = new QLabel(this);
    m_testNote->setObjectName(QStringLiteral("testDeliveryNote"));
    m_testNote->setWordWrap(true);
    PageHeader::makeMuted(m_testNote);
    m_testTable = makeListTable(m_testDeliveries, QStringLiteral("testDeliveriesTable"), this);

    auto *buttons = new QHBoxLayout;
    for (QPushButton *button : {m_new, m_edit, m_rotate, m_sendTest, m_delete})
        buttons->addWidget(button);
    buttons->addStretch(1);
    auto *tests = new QWidget(this);
    auto *testsLayout = new QVBoxLayout(tests);
    testsLayout->setContentsMargins(0, 0, 0, 0);
    testsLayout->addWidget(m_testTitle);
    testsLayout->addWidget(m_testNote);
    testsLayout->addWidget(m_testTable, 1);
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->setObjectName(QStringLiteral("alertDestinationsSplitter"));
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(m_table);
    splitter->addWidget(tests);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addLayout(buttons);
    layout->addWidget(splitter, 1);

    connect(m_new, &QPushButton::clicked, this, &AlertDestinationsPanel::openNewDestinationDialog);
    connect(m_edit, &QPushButton::clicked, this, &AlertDestinationsPanel::openEditDestinationDialog);
    connect(m_rotate, &QPushButton::clicked, this, &AlertDestinationsPanel::rotateSelectedSecret);
    connect(m_sendTest, &QPushButton::clicked, this, &AlertDestinationsPanel::sendTestToSelectedDestination);
    connect(m_delete, &QPushButton::clicked, this, &AlertDestinationsPanel::deleteSelectedDestination);
    connect(m_table, &QTableView::doubleClicked, this, &AlertDestinationsPanel::openEditDestinationDialog);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        m_testPollsLeft = kTestPolls;
        showTestDeliveries();
        updateActions();
    });
    connect(m_commands, &AsyncRunner::busyChanged, this, &AlertDestinationsPanel::updateActions);
    retranslateUi();
    updateActions();
}

AlertDestinationsPanel::~AlertDestinationsPanel() = default;

void AlertDestinationsPanel::setDestinations(
    const QList<AlertDestination> &destinations, const QHash<QString, int> &ruleCounts)
{
    const QString selected = m_pendingDestination.isEmpty() ? selectedDestinationId() : m_pendingDestination;
    m_pendingDestination.clear();
    m_destinations->setDestinations(destinations, ruleCounts);
    m_table->resizeColumnsToContents();
    m_table->setColumnWidth(DestinationModel::UrlColumn,
        qMin(m_table->columnWidth(DestinationModel::UrlColumn), kMaxUrlColumnWidth));
    if (m_destinations->rowOfDestination(selected) >= 0)
        selectDestination(selected);
    else if (!destinations.isEmpty())
        m_table->selectRow(0);
    showTestDeliveries(); // the worker may have sent the test meanwhile
    updateActions();
}

void AlertDestinationsPanel::clear()
{
    m_commands->discardPending();
    m_testLogLoader->discardPending();
    m_testPoll->stop();
    m_testEvents.clear();
    m_pendingDestination.clear();
    m_destinations->clear();
    m_testDeliveries->clear();
    showTestDeliveries();
    updateActions();
}

QString AlertDestinationsPanel::selectedDestinationId() const
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    return rows.isEmpty() ? QString() : rows.first().data(DestinationModel::DestinationIdRole).toString();
}

const AlertDestination *AlertDestinationsPanel::selectedDestination() const
{
    const int row = m_destinations->rowOfDestination(selectedDestinationId());
    return row < 0 ? nullptr : &m_destinations->destinationAt(row);
}

void AlertDestinationsPanel::selectDestination(const QString &id)
{
    const int row = m_destinations->rowOfDestination(id);
    if (row >= 0)
        m_table->selectRow(row);
}

void AlertDestinationsPanel::showTestDeliveries()
{
    m_testPoll->stop();
    const AlertDestination *destination = selectedDestination();
    const QString eventId = destination ? m_testEvents.value(destination->id) : QString();
    if (!destination) {
        m_testTitle->setText(tr("Test deliveries"));
        m_testNote->setText(tr("Add a destination, then send it a test event to check the receiver."));
    } else {
        m_testTitle->setText(tr("Test deliveries to \u201c%1\u201d").arg(destination->name));
    }
    if (eventId.isEmpty()) {
        m_testLogLoader->discardPending();
        m_testDeliveries->clear();
        if (destination)
            m_testNote->setText(
                tr("\u201cSend test event\u201d posts a signed event of type \u201ctest\u201d "
                   "through the same queue and retries as real alerts."));
        Q_EMIT testDeliveriesShown();
        return;
    }
    Engine &engine = m_engine;
    m_testLogLoader->run([&engine, owner = m_workspace.owner(),
                             eventId] { return engine.alerts().deliveryLog(owner, eventId); },
        [this](Result<QList<WebhookAttempt>> log) {
            if (!log) {
                m_testDeliveries->clear();
                m_testNote->setText(
                    tr("Could not load the test deliveries: %1").arg(ui::errorText(log.error())));
                Q_EMIT testDeliveriesShown();
                return;
            }
            m_testDeliveries->setAttempts(log.value());
            m_testTable->resizeColumnsToContents();
            const bool delivered = !log->isEmpty() && log->last().delivered;
            if (log->isEmpty())
                m_testNote->setText(tr("Test event queued: the alert worker sends it within seconds."));
            else if (delivered)
                m_testNote->setText(tr("The receiver accepted the test event."));
            else
                m_testNote->setText(
                    tr("The receiver has not accepted it yet; failed attempts are retried with "
                       "backoff."));
            // Until it is delivered, look again a little later (the worker runs on its own).
            if (!delivered && m_testPollsLeft-- > 0)
                m_testPoll->start();
            Q_EMIT testDeliveriesShown();
        });
}

DestinationDialog *AlertDestinationsPanel::openNewDestinationDialog()
{
    auto *dialog = new DestinationDialog(m_engine, m_workspace.owner(), nullptr, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &DestinationDialog::destinationSaved, this,
        [this](const AlertDestination &saved, bool created) {
            m_pendingDestination = saved.id;
            Q_EMIT commandDone(QString());
            if (created)
                showSecret(saved, false);
        });
    dialog->open();
    return dialog;
}

DestinationDialog *AlertDestinationsPanel::openEditDestinationDialog()
{
    const AlertDestination *destination = selectedDestination();
    if (!destination)
        return nullptr;
    auto *dialog = new DestinationDialog(m_engine, m_workspace.owner(), destination, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &DestinationDialog::destinationSaved, this, [this](const AlertDestination &saved, bool) {
        m_pendingDestination = saved.id;
        Q_EMIT commandDone(QString());
    });
    dialog->open();
    return dialog;
}

void AlertDestinationsPanel::showSecret(const AlertDestination &destination, bool rotated)
{
    if (m_secretDialog)
        m_secretDialog->close();
    m_secretDialog = new WebhookSecretDialog(destination.name, destination.secret, rotated, this);
    m_secretDialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_secretDialog, &QObject::destroyed, this, [this] { m_secretDialog = nullptr; });
    m_secretDialog->open();
}

void AlertDestinationsPanel::deleteSelectedDestination()
{
    const AlertDestination *destination = selectedDestination();
    if (!destination)
        return;
    const auto answer = QMessageBox::question(this, tr("Delete destination"),
        tr("Delete \u201c%1\u201d? A destination that rules still use is kept.").arg(destination->name),
        QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
    if (answer == QMessageBox::Yes)
        deleteDestination(destination->id);
}

void AlertDestinationsPanel::deleteDestination(const QString &destinationId)
{
    const int row = m_destinations->rowOfDestination(destinationId);
    const QString name = row >= 0 ? m_destinations->destinationAt(row).name : destinationId;
    Engine &engine = m_engine;
    m_commands->run([&engine, owner = m_workspace.owner(),
                        destinationId] { return engine.alerts().removeDestination(owner, destinationId); },
        [this, name](Status removed) {
            Q_EMIT commandDone(removed
                    ? QString()
                    : tr("Could not delete \u201c%1\u201d: %2").arg(name, ui::errorText(removed.error())));
        });
}

void AlertDestinationsPanel::rotateSelectedSecret()
{
    const AlertDestination *destination = selectedDestination();
    if (!destination)
        return;
    const auto answer = QMessageBox::question(this, tr("Rotate signing secret"),
        tr("Replace the signing secret of \u201c%1\u201d? Receivers must use the new one at once: webhooks "
           "are signed with it from now on.")
            .arg(destination->name),
        QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
    if (answer == QMessageBox::Yes)
        rotateSecret(destination->id);
}

void AlertDestinationsPanel::rotateSecret(const QString &destinationId)
{
    const int row = m_destinations->rowOfDestination(destinationId);
    const QString name = row >= 0 ? m_destinations->destinationAt(row).name : destinationId;
    Engine &engine = m_engine;
    m_commands->run([&engine, owner = m_workspace.owner(),
                        destinationId] { return engine.alerts().rotateSecret(owner, destinationId); },
        [this, name](Result<AlertDestination> rotated) {
            if (rotated)
                showSecret(rotated.value(), true);
            Q_EMIT commandDone(rotated ? QString()
                                       : tr("Could not rotate the secret of \u201c%1\u201d: %2")
                                             .arg(name, ui::errorText(rotated.error())));
        });
}

void AlertDestinationsPanel::sendTestToSelectedDestination()
{
    const AlertDestination *destination = selectedDestination();
    if (!destination)
        return;
    Engine &engine = m_engine;
    const QString id = destination->id;
    const QString name = destination->name;
    m_commands->run(
        [&engine, owner = m_workspace.owner(), id] { return engine.alerts().sendTestEvent(owner, id); },
        [this, id, name](Result<QString> eventId) {
            if (eventId) {
                m_testEvents.insert(id, eventId.value());
                m_testPollsLeft = kTestPolls;
                if (selectedDestinationId() == id)
                    showTestDeliveries();
            }
            Q_EMIT commandDone(eventId ? QString()
                                       : tr("Could not send a test event to \u201c%1\u201d: %2")
                                             .arg(name, ui::errorText(eventId.error())));
        });
}

void AlertDestinationsPanel::updateActions()
{
    const bool destination = selectedDestination() != nullptr;
    const bool busy = m_commands->isBusy();
    m_edit->setEnabled(destination);
    m_rotate->setEnabled(destination && !busy);
    m_sendTest->setEnabled(destination && !busy);
    m_delete->setEnabled(destination && !busy);
}

void AlertDestinationsPanel::retranslateUi()
{
    m_new->setText(tr("New destination…"));
    m_new->setToolTip(tr("A webhook URL that receives this workspace's alert events"));
    m_edit->setText(tr("Edit…"));
    m_edit->setToolTip(tr("Change the selected destination's name, URL or whether it is enabled"));
    m_rotate->setText(tr("Rotate secret…"));
    m_rotate->setToolTip(tr("Replace the signing secret; the new one is shown once"));
    m_sendTest->setText(tr("Send test event"));
    m_sendTest->setToolTip(tr("Queue a signed test webhook to the selected destination"));
    m_delete->setText(tr("Delete"));
    m_delete->setToolTip(tr("Delete the selected destination; refused while rules use it"));
    showTestDeliveries();
}

void AlertDestinationsPanel::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
}

} // namespace osc::ui
