#pragma once

#include "model/Meter.h"

#include <QJsonValue>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QStackedWidget;
class QTableView;
class QTimer;

namespace osc {
class Engine;
}

namespace osc::ui {

class AsyncRunner;
class EventDetailView;
class EventTableModel;
class FilterBuilder;
class InlineErrorLabel;
class PageHeader;
class QuotaProgressView;
class SubjectListModel;
class WorkspaceContext;

// The raw usage events, newest first, loaded page by page as you scroll: pick a meter (or all), a
// subject and a filter; select an event to see it in full. The subjects list on the left shows who
// posted usage; activating one shows its events, and "Open usage" charts it on the Usage page.
class EventsPage : public QWidget
{
    Q_OBJECT

public:
    static constexpr int kSubjectLimit = 1000;
    static constexpr int kSubjectDelayMs = 400;

    // Lists the events of `workspace`'s selection and reloads when it changes.
    EventsPage(osc::Engine &engine, WorkspaceContext &workspace, QWidget *parent = nullptr);

    EventTableModel *model() const { return m_model; }
    SubjectListModel *subjects() const { return m_subjects; }
    QTableView *tableView() const { return m_table; }
    QTableView *subjectView() const { return m_subjectTable; }
    // The selected subject's quota progress; hidden while the subject has no plan.
    QuotaProgressView *quotaView() const { return m_quota; }
    EventDetailView *detailView() const { return m_detail; }
    FilterBuilder *filterBuilder() const { return m_filterBuilder; }
    bool isLoading() const;
    QString errorText() const;

    // Shows the events of `subject` ("" = every subject).
    void setSubject(const QString &subject);
    // Shows the events of `meter` ("" = all meters), once the meter list has it.
    void setMeter(const QString &meter);

public Q_SLOTS:
    // Reloads meters and subjects, then the events.
    void refresh();
    // Reruns the event search with the current choices.
    void applySearch();

Q_SIGNALS:
    // "Open usage" on a subject.
    void openUsageRequested(const QString &subject, const QString &meter);
    // After each events page or subjects load reached the page.
    void eventsRefreshed();

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateHeader();
    QWidget *buildSubjectsPane();
    void loadQuota(const QString &subject);
    void applyMeters(const QList<osc::Meter> &meters);
    void loadSubjects();
    void onMeterChanged();
    void onPageLoaded();
    void onSelectionChanged();
    void updateFilterButton();
    void updateStatus();
    QString selectedSubject() const;

    osc::Engine &m_engine;
    WorkspaceContext &m_workspace;
    AsyncRunner *m_meterLoader = nullptr;
    AsyncRunner *m_subjectLoader = nullptr;
    QList<osc::Meter> m_meters;
    QString m_pendingMeter;
    QJsonValue m_filter = QJsonValue::Null;
    bool m_anyEvents = true;

    PageHeader *m_header = nullptr;
    QComboBox *m_meterCombo = nullptr;
    QLineEdit *m_subjectEdit = nullptr;
    QPushButton *m_filterButton = nullptr;
    QPushButton *m_refreshButton = nullptr;
    FilterBuilder *m_filterBuilder = nullptr;
    InlineErrorLabel *m_error = nullptr;
    EventTableModel *m_model = nullptr;
    QTableView *m_table = nullptr;
    QLabel *m_placeholder = nullptr;
    QStackedWidget *m_content = nullptr;
    EventDetailView *m_detail = nullptr;
    SubjectListModel *m_subjects = nullptr;
    QTableView *m_subjectTable = nullptr;
    QuotaProgressView *m_quota = nullptr;
    AsyncRunner *m_quotaLoader = nullptr;
    QLabel *m_subjectsNote = nullptr;
    QPushButton *m_showSubjectButton = nullptr;
    QPushButton *m_openUsageButton = nullptr;
    QTimer *m_subjectTimer = nullptr;
};

} // namespace osc::ui
