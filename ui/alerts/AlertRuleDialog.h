#pragma once

#include "alerts/AlertService.h"
#include "model/Meter.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QTableView;
class QTimer;

namespace osc {
class Engine;
}

namespace osc::ui {

class AlertStateModel;
class AsyncRunner;
class DurationEdit;
class FilterBuilder;
class InlineErrorLabel;

// New or edit an alert rule (§9.2). What the rule matches is built with the filter builder (equality
// conditions on subject and metadata, joined by and: what a rule can hold); while anything changes,
// the threshold above all, the engine evaluates the draft off the GUI thread and the dialog shows the
// value the rule sees now, per group, and the state it would be in. The engine validates on save; its
// message shows inline and the form stays as typed.
class AlertRuleDialog : public QDialog
{
    Q_OBJECT

public:
    static constexpr int kPreviewDelayMs = 250;

    // `existing` null → a new rule. `meters` and `destinations` are the page's lists.
    AlertRuleDialog(osc::Engine &engine, const osc::Principal &owner, const QList<osc::Meter> &meters,
        const QList<osc::AlertDestination> &destinations, const osc::AlertRuleView *existing,
        QWidget *parent = nullptr);
    ~AlertRuleDialog() override;

    // The rule the form describes; an error when the filter holds what a rule cannot.
    osc::Result<osc::AlertRuleDraft> draft() const;
    bool isEditing() const { return !m_ruleId.isEmpty(); }

    QLineEdit *nameEdit() const { return m_name; }
    QComboBox *meterCombo() const { return m_meter; }
    FilterBuilder *filterBuilder() const { return m_filter; }
    QComboBox *comparatorCombo() const { return m_comparator; }
    QDoubleSpinBox *thresholdSpin() const { return m_threshold; }
    DurationEdit *windowEdit() const { return m_window; }
    DurationEdit *intervalEdit() const { return m_interval; }
    QComboBox *groupByCombo() const { return m_groupBy; }
    QComboBox *destinationCombo() const { return m_destination; }
    QCheckBox *enabledBox() const { return m_enabled; }
    QLabel *currentValueLabel() const { return m_currentValue; }
    AlertStateModel *previewModel() const { return m_previewStates; }
    QString errorText() const;
    bool isPreviewPending() const;

public Q_SLOTS:
    void submit();
    // Evaluates the draft now (it also runs kPreviewDelayMs after the last change).
    void updatePreview();

Q_SIGNALS:
    void ruleSaved(const osc::AlertRuleView &rule);
    // A preview (value, or why there is none) reached the dialog.
    void previewShown();

private:
    void onMeterChanged();
    void schedulePreview();
    void showPreview(const osc::Result<QList<osc::AlertState>> &states);
    void setFormEnabled(bool enabled);
    const osc::Meter *selectedMeter() const;

    osc::Engine &m_engine;
    osc::Principal m_owner;
    QList<osc::Meter> m_meters;
    QString m_ruleId;
    AsyncRunner *m_previewRunner = nullptr;
    AsyncRunner *m_saveRunner = nullptr;
    QTimer *m_previewTimer = nullptr;

    QLineEdit *m_name = nullptr;
    QComboBox *m_meter = nullptr;
    QLabel *m_aggregation = nullptr;
    FilterBuilder *m_filter = nullptr;
    QComboBox *m_comparator = nullptr;
    QDoubleSpinBox *m_threshold = nullptr;
    DurationEdit *m_window = nullptr;
    DurationEdit *m_interval = nullptr;
    QComboBox *m_groupBy = nullptr;
    QComboBox *m_destination = nullptr;
    QCheckBox *m_enabled = nullptr;
    QLabel *m_currentValue = nullptr;
    AlertStateModel *m_previewStates = nullptr;
    QTableView *m_previewTable = nullptr;
    InlineErrorLabel *m_error = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};

} // namespace osc::ui
