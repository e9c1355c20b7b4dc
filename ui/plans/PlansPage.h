#pragma once

#include "core/Result.h"
#include "model/Meter.h"

#include <QList>
#include <QWidget>

#include <functional>
#include <optional>

class QCheckBox;
class QDateTimeEdit;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QSortFilterProxyModel;
class QTabWidget;
class QTableView;
class QTableWidget;

namespace osc {
class Engine;
struct Plan;
} // namespace osc

namespace osc::ui {

class AssignmentTableModel;
class AsyncRunner;
class EntitlementEventModel;
class InlineErrorLabel;
class PageHeader;
class PlanEditorDialog;
class PlanTableModel;
class QuotaProgressView;
class WorkspaceContext;
struct PlansSnapshot;

// Plans (contract §10): the workspace's plans with their limits and version history; new, edit (a new
// version, after the preview of its effect on assigned subjects) and delete; assigning subjects now or at
// a later time and unassigning them; the selected subject's quota progress; and the entitlement event
// feed. Follows the selected workspace; every engine call runs off the GUI thread; failures show inline.
class PlansPage : public QWidget
{
    Q_OBJECT

public:
    PlansPage(osc::Engine &engine, WorkspaceContext &workspace, QWidget *parent = nullptr);
    ~PlansPage() override;

    PlanTableModel *planModel() const { return m_plans; }
    AssignmentTableModel *assignmentModel() const { return m_assignments; }
    EntitlementEventModel *eventModel() const { return m_events; }
    QTableView *planTable() const { return m_planTable; }
    QTableView *assignmentTable() const { return m_assignmentTable; }
    QTableView *eventTable() const { return m_eventTable; }
    QTableWidget *limitsTable() const { return m_limitsTable; }
    QListWidget *historyList() const { return m_history; }
    QuotaProgressView *progressView() const { return m_progress; }
    QTabWidget *tabs() const { return m_tabs; }
    QLineEdit *subjectEdit() const { return m_subjectEdit; }
    QCheckBox *showEndedBox() const { return m_showEnded; }
    QString errorText() const;
    QString selectedPlanId() const;
    void selectPlan(const QString &id);
    // Subject of the selected assignment row, or empty.
    QString selectedSubject() const;

public Q_SLOTS:
    void refresh();
    PlanEditorDialog *openNewPlanDialog();
    PlanEditorDialog *openEditPlanDialog();
    // Asks for confirmation, then deletes the selected plan.
    void deleteSelected();
    void deletePlan(const QString &planId);
    // Assigns `subject` to the selected plan, now or (when given) at `effectiveAtNs`.
    void assignSubject(const QString &subject, std::optional<qint64> effectiveAtNs = std::nullopt);
    void unassignSubject(const QString &subject);
    void showSubjectProgress(const QString &subject);

Q_SIGNALS:
    // After each load that reached the models (successful or not).
    void refreshed();
    // After a selected plan's version history arrived.
    void historyShown();
    // After a subject's progress (or the reason there is none) is shown.
    void progressShown();
    // After a delete, assign or unassign was answered.
    void commandFinished();

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void apply(const PlansSnapshot &snapshot);
    void clearAll();
    void showPlanDetails();
    void showHistory(const QList<osc::Plan> &versions);
    void runCommand(
        const QString &failureText, const QString &subject, std::function<osc::Result<bool>()> work);
    void updateActions();
    void applyAssignmentFilter();
    const osc::Plan *selectedPlan() const;

    osc::Engine &m_engine;
    WorkspaceContext &m_workspace;
    AsyncRunner *m_loader = nullptr;
    AsyncRunner *m_detailLoader = nullptr;
    AsyncRunner *m_progressLoader = nullptr;
    AsyncRunner *m_commands = nullptr;
    PlanTableModel *m_plans = nullptr;
    AssignmentTableModel *m_assignments = nullptr;
    EntitlementEventModel *m_events = nullptr;
    QSortFilterProxyModel *m_planProxy = nullptr;
    QSortFilterProxyModel *m_assignmentProxy = nullptr;
    QList<osc::Meter> m_meters; // of the last load, for the editor's meter choice
    PageHeader *m_header = nullptr;
    InlineErrorLabel *m_error = nullptr;
    QPushButton *m_newButton = nullptr;
    QPushButton *m_editButton = nullptr;
    QPushButton *m_deleteButton = nullptr;
    QPushButton *m_refreshButton = nullptr;
    QLabel *m_plansTitle = nullptr;
    QLabel *m_limitsTitle = nullptr;
    QLabel *m_historyTitle = nullptr;
    QLabel *m_progressTitle = nullptr;
    QLabel *m_emptyNote = nullptr;
    QTableView *m_planTable = nullptr;
    QTableWidget *m_limitsTable = nullptr;
    QListWidget *m_history = nullptr;
    QTabWidget *m_tabs = nullptr;
    QLabel *m_subjectLabel = nullptr;
    QLineEdit *m_subjectEdit = nullptr;
    QCheckBox *m_scheduleBox = nullptr;
    QCheckBox *m_showEnded = nullptr;
    QDateTimeEdit *m_scheduleEdit = nullptr;
    QPushButton *m_assignButton = nullptr;
    QPushButton *m_unassignButton = nullptr;
    QTableView *m_assignmentTable = nullptr;
    QTableView *m_eventTable = nullptr;
    QuotaProgressView *m_progress = nullptr;
    QString m_commandError;
    QString m_progressSubject; // whose progress is shown or on its way
    QString m_pendingPlan; // a plan just saved, selected once the reload shows it
    bool m_sizedColumns = false;
};

} // namespace osc::ui
