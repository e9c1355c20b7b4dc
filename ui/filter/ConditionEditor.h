#pragma once

#include "ui/filter/FilterFields.h"

#include <QJsonValue>
#include <QWidget>

class QComboBox;
class QDateTimeEdit;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QStackedWidget;

namespace osc::ui {

// Edits one filter condition: field (offered fields or a free `metadata.<path>`), operator (those that
// make sense for the field's kind) and a value editor of that kind — text, number, true/false, a date
// and time, or a list for `in`. Values keep their JSON type: a number field yields JSON numbers.
class ConditionEditor : public QWidget
{
    Q_OBJECT

public:
    explicit ConditionEditor(QWidget *parent = nullptr);

    void setFields(const FilterFields &fields);
    // Shows a condition without emitting conditionEdited().
    void setCondition(const QString &field, const QString &op, const QJsonValue &value);

    QString field() const;
    QString op() const { return m_op; }
    QJsonValue value() const { return m_value; }

Q_SIGNALS:
    // The user changed the field, operator or value.
    void conditionEdited();

private:
    enum ValuePage
    {
        NoValuePage,
        TextPage,
        NumberPage,
        BooleanPage,
        TimePage,
        ListPage,
    };

    void buildValueEditors();
    void fillFieldCombo();
    void fillOperatorCombo();
    void showValue();
    void onFieldChosen();
    void onKindChosen();
    void onOperatorChosen();
    void onListEdited();
    void commit(const QJsonValue &value);
    FilterValueKind kind() const;
    bool isFreeMetadata() const;
    static QJsonValue coerce(const QJsonValue &value, FilterValueKind kind, const QString &op);
    static QJsonValue coerceScalar(const QJsonValue &value, FilterValueKind kind);
    static QString listItemText(const QJsonValue &value);

    FilterFields m_fields;
    QString m_field;
    QString m_op;
    QJsonValue m_value;
    FilterValueKind m_freeKind = FilterValueKind::Text; // for metadata keys that are not dimensions
    bool m_loading = false;

    QComboBox *m_fieldCombo = nullptr;
    QLineEdit *m_pathEdit = nullptr;
    QComboBox *m_kindCombo = nullptr;
    QComboBox *m_opCombo = nullptr;
    QStackedWidget *m_valueStack = nullptr;
    QLineEdit *m_textEdit = nullptr;
    QLineEdit *m_numberEdit = nullptr;
    QComboBox *m_boolCombo = nullptr;
    QDateTimeEdit *m_timeEdit = nullptr;
    QListWidget *m_list = nullptr;
    QPushButton *m_addItem = nullptr;
    QPushButton *m_removeItem = nullptr;
    QLabel *m_listHint = nullptr;
};

} // namespace osc::ui
