#pragma once

#include "model/Meter.h"
#include "ui/filter/FilterFields.h"

#include <QJsonValue>
#include <QWidget>

class QComboBox;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QStackedWidget;
class QTimer;
class QTreeView;

namespace osc {
struct Error;
}

namespace osc::ui {

class ConditionEditor;
class FilterTreeModel;
class InlineErrorLabel;

// A visual editor for §6.6 filters: a tree of and/or groups and conditions on the left, the same
// filter as JSON on the right. Editing either side updates the other. JSON edits are checked by the
// engine's parseFilter(): when it refuses them, its reason shows inline and the tree stays as it was.
class FilterBuilder : public QWidget
{
    Q_OBJECT

public:
    static constexpr int kJsonApplyDelayMs = 600;

    explicit FilterBuilder(QWidget *parent = nullptr);

    // The fields offered: these dimensions plus the event's own fields.
    void setDimensions(const QList<osc::Dimension> &dimensions);
    // Replaces the filter; on an engine error nothing changes and the error is returned as text.
    QString setFilter(const QJsonValue &filter);
    // The last valid filter the builder described (Null = none).
    QJsonValue filter() const { return m_filter; }
    // Why the current tree or JSON text is not a usable filter; empty when it is.
    QString errorText() const;

    FilterTreeModel *model() const { return m_model; }
    QTreeView *treeView() const { return m_tree; }
    QPlainTextEdit *jsonEdit() const { return m_json; }
    ConditionEditor *conditionEditor() const { return m_conditionEditor; }

    // Friendly text for a filter error of the engine.
    static QString describeError(const osc::Error &error);

public Q_SLOTS:
    // Add next to / into the selected rule (or at the top) and select the new condition.
    void addCondition();
    void addGroup();
    void removeSelected();
    void clearFilter();
    // Applies the JSON text to the tree now (it is also applied shortly after typing stops).
    void applyJsonText();

Q_SIGNALS:
    // A new valid filter (Null = no filter).
    void filterChanged(const QJsonValue &filter);

private:
    QWidget *buildTreePane();
    QWidget *buildJsonPane();
    void onTreeEdited();
    void onCurrentChanged();
    void writeJsonText(const QJsonValue &json);
    void updateActions();
    QModelIndex currentIndex() const;

    FilterFields m_fields;
    QJsonValue m_filter = QJsonValue::Null;
    bool m_applyingJson = false;
    bool m_writingJson = false;

    FilterTreeModel *m_model = nullptr;
    QTreeView *m_tree = nullptr;
    QLabel *m_treeEmpty = nullptr;
    QStackedWidget *m_treeStack = nullptr;
    QStackedWidget *m_editorStack = nullptr;
    QLabel *m_editorHint = nullptr;
    QComboBox *m_groupOpCombo = nullptr;
    ConditionEditor *m_conditionEditor = nullptr;
    QPushButton *m_addCondition = nullptr;
    QPushButton *m_addGroup = nullptr;
    QPushButton *m_remove = nullptr;
    QPushButton *m_clear = nullptr;
    QPlainTextEdit *m_json = nullptr;
    QTimer *m_jsonTimer = nullptr;
    InlineErrorLabel *m_error = nullptr;
};

} // namespace osc::ui
