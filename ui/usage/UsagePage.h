#pragma once

#include "model/Meter.h"
#include "ui/exports/NewExportDialog.h"
#include "ui/usage/UsageRange.h"

#include <QJsonValue>
#include <QList>
#include <QWidget>

class QChart;
class QChartView;
class QBoxLayout;
class QComboBox;
class QLabel;
class QLegendMarker;
class QLineEdit;
class QPushButton;
class QStackedWidget;
class QTableView;
class QTimer;

namespace osc {
class Engine;
struct Error;
namespace query {
struct BucketResult;
}
} // namespace osc

namespace osc::ui {

class AsyncRunner;
class FilterBuilder;
class InlineErrorLabel;
class PageHeader;
class UsageBucketModel;
class WorkspaceContext;

// The usage dashboard: one meter's buckets over a quick range as a line chart (top groups plus
// "Other") and as a table, optionally for one subject and narrowed by a filter. Engine calls run off the GUI
// thread; the page refreshes itself every 30 s while it is visible.
class UsagePage : public QWidget
{
    Q_OBJECT

public:
    static constexpr int kAutoRefreshMs = 30'000;
    static constexpr int kRowLimit = 1000;

    // Charts the meters of `workspace`'s selection and reloads when it changes.
    UsagePage(osc::Engine &engine, WorkspaceContext &workspace, QWidget *parent = nullptr);

    QChartView *chartView() const { return m_chartView; }
    QTableView *tableView() const { return m_table; }
    UsageBucketModel *model() const { return m_model; }
    FilterBuilder *filterBuilder() const { return m_filterBuilder; }
    bool isLoading() const;
    QString errorText() const;

    // Shows only `subject`'s usage ("" = every subject) and reloads.
    void setSubject(const QString &subject);
    QString subject() const;
    // Selects `meter` if the list has it (now or once it loads) and reloads.
    void setMeter(const QString &meter);
    // The current view (meter, range, bucket size, group-by, subject, filter) as an export preset.
    ExportPreset exportPreset() const;

public Q_SLOTS:
    // Reloads the meter list, then the usage of the selected meter.
    void refresh();
    // Reruns the usage query with the current choices (the meter list stays).
    void refreshUsage();

Q_SIGNALS:
    // After each usage load that reached the page (successful or not).
    void usageRefreshed();
    // "Export…": export what the page shows (MainWindow opens the New export dialog).
    void exportRequested(const osc::ui::ExportPreset &preset);

protected:
    void changeEvent(QEvent *event) override;
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    // One toolbar row when the page is wide enough, two (the view's choices, then subject and actions)
    // when it is not, so the page never makes the window wider than a 1,024-px screen.
    void arrangeToolbar();
    void retranslateHeader();
    void applyMeters(const QList<osc::Meter> &meters);
    void fillGroupByChoices();
    void onPresetChanged();
    void applyResult(const osc::query::BucketResult &result, const UsageRange &range);
    void applyError(const QString &meter, const osc::Error &error);
    void rebuildChart(const osc::query::BucketResult &result, const UsageRange &range);
    void toggleSeries(QLegendMarker *marker);
    void showEmptyState(const QString &text);
    void updateFilterButton();
    const osc::Meter *selectedMeter() const;
    UsageRange currentRange() const;

    osc::Engine &m_engine;
    WorkspaceContext &m_workspace;
    AsyncRunner *m_meterLoader = nullptr;
    AsyncRunner *m_usageLoader = nullptr;
    QList<osc::Meter> m_meters;
    QString m_pendingMeter;
    QJsonValue m_filter = QJsonValue::Null;
    PageHeader *m_header = nullptr;
    QComboBox *m_meterCombo = nullptr;
    QComboBox *m_presetCombo = nullptr;
    QComboBox *m_bucketCombo = nullptr;
    QComboBox *m_groupCombo = nullptr;
    QLineEdit *m_subjectEdit = nullptr;
    QPushButton *m_filterButton = nullptr;
    QPushButton *m_refreshButton = nullptr;
    QPushButton *m_exportButton = nullptr;
    QWidget *m_toolbarHost = nullptr;
    QBoxLayout *m_toolbar = nullptr;
    QWidget *m_viewControls = nullptr;
    QWidget *m_actionControls = nullptr;
    FilterBuilder *m_filterBuilder = nullptr;
    InlineErrorLabel *m_error = nullptr;
    QStackedWidget *m_content = nullptr;
    QLabel *m_placeholder = nullptr;
    QChart *m_chart = nullptr;
    QChartView *m_chartView = nullptr;
    QLabel *m_totals = nullptr;
    QLabel *m_lastUpdated = nullptr;
    QLabel *m_inProgressNote = nullptr;
    QLabel *m_limitNote = nullptr;
    QTableView *m_table = nullptr;
    UsageBucketModel *m_model = nullptr;
    QTimer *m_autoRefresh = nullptr;
};

} // namespace osc::ui
