#pragma once

#include "auth/Principal.h"
#include "model/Meter.h"
#include "model/Plan.h"
#include "ui/plans/QuotaText.h"

#include <QDialog>
#include <QPointer>

class QComboBox;
class QDoubleSpinBox;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QTableWidget;

namespace osc {
class Engine;
struct PlanPreview;
} // namespace osc

namespace osc::ui {

class AsyncRunner;
class InlineErrorLabel;
class PlanPreviewDialog;

// Creates a plan, or edits one (which saves a new version). A limit is a meter of the workspace, a period,
// the included quantity and the warning percent. Saving an edit first asks the engine for the preview of
// the change (§10.2) and, when subjects are assigned, shows it for confirmation. The engine validates; its
// message shows inline next to the name or the limits, and the form stays editable.
class PlanEditorDialog : public QDialog
{
    Q_OBJECT

public:
    enum LimitColumn
    {
        MeterColumn,
        PeriodColumn,
        LimitValueColumn,
        WarningColumn,
        LimitColumnCount
    };

    // Create mode when `plan` is null, else edit mode; `meters` are the workspace's (for the choice).
    PlanEditorDialog(osc::Engine &engine, const osc::Principal &owner, const QList<osc::Meter> &meters,
        const osc::Plan *plan, QWidget *parent = nullptr);

    bool isEditing() const { return !m_planId.isEmpty(); }
    osc::PlanDraft draft() const;
    bool isSubmitting() const;
    QString errorText() const;
    PlanErrorText::Field errorField() const { return m_errorField; }
    // The open confirmation, if any.
    PlanPreviewDialog *previewDialog() const;

    QLineEdit *nameEdit() const { return m_name; }
    QTableWidget *limitsTable() const { return m_limits; }
    // Appends a limit row (also what "Add limit" does, with the first meter and defaults).
    int addLimit(const QString &meter, osc::PlanPeriod period, double limit, double warningPercent);
    void removeLimit(int row);
    QComboBox *meterCombo(int row) const;
    QComboBox *periodCombo(int row) const;
    QDoubleSpinBox *limitSpin(int row) const;
    QSpinBox *warningSpin(int row) const;

public Q_SLOTS:
    // Creates, or previews then (after confirmation) updates; closes on success.
    void submit();

Q_SIGNALS:
    void planSaved(const osc::Plan &plan);

private:
    void save(const osc::PlanDraft &draft);
    void confirm(const osc::PlanPreview &preview, const osc::PlanDraft &draft);
    void showError(const osc::Error &error);
    void clearErrors();
    void updateButtons();

    osc::Engine &m_engine;
    osc::Principal m_owner;
    QString m_planId;
    QStringList m_meterNames;
    AsyncRunner *m_runner = nullptr;
    QLineEdit *m_name = nullptr;
    InlineErrorLabel *m_nameError = nullptr;
    QLineEdit *m_description = nullptr;
    QTableWidget *m_limits = nullptr;
    InlineErrorLabel *m_limitsError = nullptr;
    InlineErrorLabel *m_error = nullptr;
    QPushButton *m_addLimit = nullptr;
    QPushButton *m_removeLimit = nullptr;
    QPushButton *m_saveButton = nullptr;
    QPointer<PlanPreviewDialog> m_preview;
    PlanErrorText::Field m_errorField = PlanErrorText::Field::None;
    QString m_errorText;
};

} // namespace osc::ui
