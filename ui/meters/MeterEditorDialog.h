#pragma once

#include "auth/Principal.h"
#include "model/Meter.h"
#include "ui/meters/MeterErrorText.h"

#include <QDialog>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QTableWidget;

namespace osc {
class Engine;
}

namespace osc::ui {

class AsyncRunner;
class InlineErrorLabel;

// Creates a meter, or edits one (its name is fixed once created). The engine validates: its message
// shows inline in plain words and the field it is about is framed in red; the form stays editable.
// Editing a meter with stored events says up front which dimension changes are still possible.
class MeterEditorDialog : public QDialog
{
    Q_OBJECT

public:
    enum DimensionColumn
    {
        DimensionNameColumn,
        DimensionTypeColumn,
        DimensionRequiredColumn,
        DimensionDeprecatedColumn,
        DimensionDisplayNameColumn,
        DimensionColumnCount
    };

    // Create mode.
    // `owner` is the console acting in the workspace the meter belongs to.
    MeterEditorDialog(osc::Engine &engine, const osc::Principal &owner, QWidget *parent = nullptr);
    // Edit mode; `usageEvents` is how many events the meter has stored (for the evolution note).
    MeterEditorDialog(osc::Engine &engine, const osc::Principal &owner, const osc::Meter &meter,
        qint64 usageEvents, QWidget *parent = nullptr);

    bool isEditing() const { return !m_meterId.isEmpty(); }
    osc::MeterDraft draft() const;
    osc::MeterPatch patch() const;
    bool isSubmitting() const;
    QString errorText() const;
    // The field the last error is about (None when it was about no field, or there is none).
    MeterErrorText::Field errorField() const { return m_errorField; }
    // The dimension rows highlighted by the last error.
    QList<int> highlightedDimensionRows() const { return m_highlightedRows; }

    // Appends a dimension row (also what "Add dimension" does, with defaults).
    int addDimension(const osc::Dimension &dimension);
    void removeDimension(int row);
    QTableWidget *dimensionsTable() const { return m_dimensions; }

public Q_SLOTS:
    // Saves off the GUI thread; closes on success.
    void submit();

Q_SIGNALS:
    void meterSaved(const osc::Meter &meter);

private:
    void build();
    void load(const osc::Meter &meter);
    void updateAggregationExplanation();
    QList<osc::DimensionDraft> dimensionDrafts() const;
    void showError(const osc::Error &error);
    void clearHighlights();
    void setHighlighted(QWidget *widget, bool on);
    void setSubmitting(bool submitting);

    osc::Engine &m_engine;
    osc::Principal m_owner;
    AsyncRunner *m_runner = nullptr;
    QString m_meterId;
    qint64 m_usageEvents = 0;
    MeterErrorText::Field m_errorField = MeterErrorText::Field::None;
    QList<int> m_highlightedRows;

    QLineEdit *m_name = nullptr;
    QLineEdit *m_description = nullptr;
    QLineEdit *m_unit = nullptr;
    QComboBox *m_aggregation = nullptr;
    QLabel *m_aggregationExplanation = nullptr;
    QSpinBox *m_retention = nullptr;
    QTableWidget *m_dimensions = nullptr;
    QPushButton *m_addDimension = nullptr;
    QPushButton *m_removeDimension = nullptr;
    QLabel *m_usageNote = nullptr;
    InlineErrorLabel *m_error = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    QPushButton *m_saveButton = nullptr;
};

} // namespace osc::ui
