#include "ui/filter/ConditionEditor.h"

#include "core/Rfc3339.h"

#include <QComboBox>
#include <QDateTimeEdit>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QPushButton>
#include <QStackedWidget>
#include <QVBoxLayout>

#include <cmath>

namespace osc::ui {

namespace {

const QString kFreeMetadataData = QStringLiteral("\x01metadata"); // the "Other metadata key…" entry
const QString kInvalidStyle = QStringLiteral("QLineEdit { border: 1px solid rgba(220, 53, 69, 0.9); }");

std::optional<double> parseNumber(const QString &text)
{
    bool ok = false;
    double number = QLocale::c().toDouble(text.trimmed(), &ok);
    if (!ok)
        number = QLocale().toDouble(text.trimmed(), &ok);
    if (!ok || !std::isfinite(number))
        return std::nullopt;
    return number;
}

QDateTime localTime(const QString &rfc3339)
{
    const auto ns = rfc3339::parse(rfc3339);
    if (!ns)
        return QDateTime::currentDateTime();
    return QDateTime::fromMSecsSinceEpoch(ns->floorMillis());
}

} // namespace

ConditionEditor::ConditionEditor(QWidget *parent)
    : QWidget(parent)
{
    m_fieldCombo = new QComboBox(this);
    m_fieldCombo->setObjectName(QStringLiteral("conditionField"));
    m_fieldCombo->setMinimumContentsLength(12);
    m_fieldCombo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_pathEdit = new QLineEdit(this);
    m_pathEdit->setObjectName(QStringLiteral("conditionMetadataPath"));
    m_pathEdit->setPlaceholderText(tr("key, e.g. service.tier"));
    m_pathEdit->setToolTip(tr("A metadata key; dots reach into nested objects (service.tier)"));
    m_kindCombo = new QComboBox(this);
    m_kindCombo->setObjectName(QStringLiteral("conditionValueKind"));
    m_kindCombo->setToolTip(tr("How to compare: \"200\" as text never equals the number 200"));
    m_kindCombo->addItem(tr("as text"), int(FilterValueKind::Text));
    m_kindCombo->addItem(tr("as number"), int(FilterValueKind::Number));
    m_kindCombo->addItem(tr("as true/false"), int(FilterValueKind::Boolean));
    m_opCombo = new QComboBox(this);
    m_opCombo->setObjectName(QStringLiteral("conditionOperator"));
    m_opCombo->setMinimumContentsLength(9);
    m_opCombo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    buildValueEditors();

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_fieldCombo);
    layout->addWidget(m_pathEdit);
    layout->addWidget(m_kindCombo);
    layout->addWidget(m_opCombo);
    layout->addWidget(m_valueStack, 1);

    connect(m_fieldCombo, &QComboBox::currentIndexChanged, this, &ConditionEditor::onFieldChosen);
    connect(m_pathEdit, &QLineEdit::textEdited, this, [this] {
        m_field = FilterFields::kMetadataPrefix + m_pathEdit->text().trimmed();
        Q_EMIT conditionEdited();
    });
    connect(m_kindCombo, &QComboBox::currentIndexChanged, this, &ConditionEditor::onKindChosen);
    connect(m_opCombo, &QComboBox::currentIndexChanged, this, &ConditionEditor::onOperatorChosen);
    m_fields.setDimensions({});
    setCondition(QStringLiteral("subject"), QStringLiteral("eq"), QString());
}

void ConditionEditor::buildValueEditors()
{
    m_valueStack = new QStackedWidget(this);
    m_valueStack->setObjectName(QStringLiteral("conditionValueStack"));

    // Each editor sits vertically centred in its page: a stacked page is as tall as the tallest one
    // (the list), and a stretched line edit looks broken.
    const auto addPage = [this](QWidget *editor) {
        auto *page = new QWidget(m_valueStack);
        auto *layout = new QVBoxLayout(page);
        layout->setContentsMargins(0, 0, 0, 0);
        editor->setParent(page);
        layout->addWidget(editor, 0, Qt::AlignVCenter);
        m_valueStack->addWidget(page);
    };
    auto *none = new QLabel(tr("(no value: true when the key is there, even if null)"));
    none->setEnabled(false);
    none->setWordWrap(true); // German runs to 400 px on one line: the editor would set the dialogs' width
    addPage(none);

    m_textEdit = new QLineEdit;
    m_textEdit->setObjectName(QStringLiteral("conditionTextValue"));
    m_textEdit->setPlaceholderText(tr("text"));
    addPage(m_textEdit);
    connect(m_textEdit, &QLineEdit::textEdited, this, [this](const QString &text) { commit(text); });

    m_numberEdit = new QLineEdit;
    m_numberEdit->setObjectName(QStringLiteral("conditionNumberValue"));
    m_numberEdit->setPlaceholderText(tr("number, e.g. 200 or 0.5"));
    addPage(m_numberEdit);
    connect(m_numberEdit, &QLineEdit::textEdited, this, [this](const QString &text) {
        const auto number = parseNumber(text);
        // An unparsable number keeps the last good value; the red frame says why nothing changed.
        m_numberEdit->setStyleSheet(number ? QString() : kInvalidStyle);
        m_numberEdit->setToolTip(number ? QString() : tr("Not a number"));
        if (number)
            commit(*number);
    });

    m_boolCombo = new QComboBox;
    m_boolCombo->setObjectName(QStringLiteral("conditionBooleanValue"));
    m_boolCombo->addItem(tr("true"), true);
    m_boolCombo->addItem(tr("false"), false);
    addPage(m_boolCombo);
    connect(
        m_boolCombo, &QComboBox::activated, this, [this] { commit(m_boolCombo->currentData().toBool()); });

    m_timeEdit = new QDateTimeEdit;
    m_timeEdit->setObjectName(QStringLiteral("conditionTimeValue"));
    m_timeEdit->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    m_timeEdit->setCalendarPopup(true);
    m_timeEdit->setToolTip(tr("Your local time; the filter stores it in UTC"));
    addPage(m_timeEdit);
    connect(m_timeEdit, &QDateTimeEdit::dateTimeChanged, this, [this](const QDateTime &time) {
        if (!m_loading)
            commit(rfc3339::formatSeconds(time.toMSecsSinceEpoch() * 1'000'000));
    });

    auto *listPage = new QWidget(m_valueStack);
    m_list = new QListWidget(listPage);
    m_list->setObjectName(QStringLiteral("conditionListValue"));
    // Values flow left to right like tags and wrap, so a short list stays one line high.
    m_list->setFlow(QListView::LeftToRight);
    m_list->setWrapping(true);
    m_list->setSpacing(2);
    m_list->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed
        | QAbstractItemView::SelectedClicked);
    m_list->setFixedHeight(m_list->fontMetrics().height() * 2 + 12);
    m_list->setToolTip(tr("Double-click a value to change it"));
    m_addItem = new QPushButton(tr("Add"), listPage);
    m_addItem->setObjectName(QStringLiteral("conditionListAdd"));
    m_removeItem = new QPushButton(tr("Remove"), listPage);
    m_removeItem->setObjectName(QStringLiteral("conditionListRemove"));
    auto *listLayout = new QHBoxLayout(listPage);
    listLayout->setContentsMargins(0, 0, 0, 0);
    listLayout->addWidget(m_list, 1);
    listLayout->addWidget(m_addItem);
    listLayout->addWidget(m_removeItem);
    m_valueStack->addWidget(listPage);
    connect(m_list, &QListWidget::itemChanged, this, &ConditionEditor::onListEdited);
    connect(m_addItem, &QPushButton::clicked, this, [this] {
        const QJsonValue fresh = FilterFields::defaultValue(kind(), QStringLiteral("eq"));
        auto *item = new QListWidgetItem(listItemText(fresh));
        item->setFlags(item->flags() | Qt::ItemIsEditable);
        {
            const QSignalBlocker blocker(m_list);
            m_list->addItem(item);
        }
        onListEdited();
        m_list->setCurrentItem(item);
        m_list->editItem(item);
    });
    connect(m_removeItem, &QPushButton::clicked, this, [this] {
        if (m_list->count() <= 1)
            return; // `in` needs at least one value
        QListWidgetItem *item
            = m_list->currentItem() ? m_list->currentItem() : m_list->item(m_list->count() - 1);
        delete item;
        onListEdited();
    });
}

void ConditionEditor::setFields(const FilterFields &fields)
{
    m_fields = fields;
    setCondition(m_field, m_op, m_value);
}

void ConditionEditor::setCondition(const QString &field, const QString &op, const QJsonValue &value)
{
    m_loading = true;
    m_field = field;
    m_op = op;
    m_value = value;
    if (isFreeMetadata())
        m_freeKind = m_fields.kindOf(field, value);
    fillFieldCombo();
    fillOperatorCombo();
    showValue();
    m_loading = false;
}

QString ConditionEditor::field() const
{
    return m_field;
}

bool ConditionEditor::isFreeMetadata() const
{
    return FilterFields::isMetadata(m_field) && !m_fields.isKnown(m_field);
}

FilterValueKind ConditionEditor::kind() const
{
    return isFreeMetadata() ? m_freeKind : m_fields.kindOf(m_field, m_value);
}

void ConditionEditor::fillFieldCombo()
{
    const QSignalBlocker blocker(m_fieldCombo);
    m_fieldCombo->clear();
    for (const FilterFields::Field &entry : m_fields.fields())
        m_fieldCombo->addItem(entry.label, entry.name);
    m_fieldCombo->addItem(tr("Other metadata key\u2026"), kFreeMetadataData);
    int index = m_fieldCombo->findData(m_field);
    if (index < 0 && isFreeMetadata())
        index = m_fieldCombo->findData(kFreeMetadataData);
    if (index < 0) {
        // A field typed in the JSON that the list does not offer (event_time): keep showing it.
        m_fieldCombo->addItem(m_fields.label(m_field), m_field);
        index = m_fieldCombo->count() - 1;
    }
    m_fieldCombo->setCurrentIndex(index);
    const bool free = isFreeMetadata();
    m_pathEdit->setVisible(free);
    m_kindCombo->setVisible(free);
    if (free) {
        m_pathEdit->setText(m_field.mid(FilterFields::kMetadataPrefix.size()));
        const QSignalBlocker kindBlocker(m_kindCombo);
        m_kindCombo->setCurrentIndex(m_kindCombo->findData(int(m_freeKind)));
    }
}

void ConditionEditor::fillOperatorCombo()
{
    const QSignalBlocker blocker(m_opCombo);
    m_opCombo->clear();
    const FilterValueKind valueKind = kind();
    QStringList ops = FilterFields::operatorsFor(m_field, valueKind);
    if (!m_op.isEmpty() && !ops.contains(m_op))
        ops.append(m_op); // from JSON: shown even where the list would not offer it
    for (const QString &op : ops)
        m_opCombo->addItem(FilterFields::operatorLabel(op, valueKind), op);
    m_opCombo->setCurrentIndex(qMax(0, m_opCombo->findData(m_op)));
}

void ConditionEditor::showValue()
{
    const FilterValueKind valueKind = kind();
    if (m_op == QLatin1String("exists")) {
        m_valueStack->setCurrentIndex(NoValuePage);
        return;
    }
    if (m_op == QLatin1String("in")) {
        const QSignalBlocker blocker(m_list);
        m_list->clear();
        for (const QJsonValue &element : m_value.toArray()) {
            auto *item = new QListWidgetItem(listItemText(element), m_list);
            item->setFlags(item->flags() | Qt::ItemIsEditable);
        }
        m_valueStack->setCurrentIndex(ListPage);
        return;
    }
    switch (valueKind) {
    case FilterValueKind::Text:
        m_textEdit->setText(m_value.isString() ? m_value.toString() : FilterFields::valueText(m_value));
        m_valueStack->setCurrentIndex(TextPage);
        break;
    case FilterValueKind::Number:
        m_numberEdit->setText(FilterFields::valueText(m_value));
        m_numberEdit->setStyleSheet(QString());
        m_valueStack->setCurrentIndex(NumberPage);
        break;
    case FilterValueKind::Boolean:
        m_boolCombo->setCurrentIndex(m_value.toBool() ? 0 : 1);
        m_valueStack->setCurrentIndex(BooleanPage);
        break;
    case FilterValueKind::Time: {
        const QSignalBlocker blocker(m_timeEdit);
        m_timeEdit->setDateTime(localTime(m_value.toString()));
        m_valueStack->setCurrentIndex(TimePage);
        break;
    }
    }
}

void ConditionEditor::onFieldChosen()
{
    const QString data = m_fieldCombo->currentData().toString();
    if (data == kFreeMetadataData) {
        if (!FilterFields::isMetadata(m_field) || m_fields.isKnown(m_field))
            m_field = FilterFields::kMetadataPrefix; // the user types the key next
    } else {
        m_field = data;
    }
    m_loading = true;
    fillFieldCombo();
    // Keep the operator when the new field offers it; otherwise take the field's first one.
    const QStringList offered = FilterFields::operatorsFor(m_field, kind());
    if (!offered.contains(m_op))
        m_op = offered.first();
    fillOperatorCombo();
    m_value = coerce(m_value, kind(), m_op);
    showValue();
    m_loading = false;
    if (isFreeMetadata() && m_pathEdit->text().isEmpty())
        m_pathEdit->setFocus();
    Q_EMIT conditionEdited();
}

void ConditionEditor::onKindChosen()
{
    m_freeKind = FilterValueKind(m_kindCombo->currentData().toInt());
    m_loading = true;
    const QStringList offered = FilterFields::operatorsFor(m_field, kind());
    if (!offered.contains(m_op))
        m_op = offered.first();
    fillOperatorCombo();
    m_value = coerce(m_value, kind(), m_op);
    showValue();
    m_loading = false;
    Q_EMIT conditionEdited();
}

void ConditionEditor::onOperatorChosen()
{
    m_op = m_opCombo->currentData().toString();
    m_loading = true;
    m_value = coerce(m_value, kind(), m_op);
    showValue();
    m_loading = false;
    Q_EMIT conditionEdited();
}

void ConditionEditor::onListEdited()
{
    const FilterValueKind valueKind = kind();
    QJsonArray values;
    bool allValid = true;
    for (int row = 0; row < m_list->count(); ++row) {
        const QString text = m_list->item(row)->text().trimmed();
        QJsonValue element = text;
        if (valueKind == FilterValueKind::Number) {
            const auto number = parseNumber(text);
            allValid = allValid && number.has_value();
            element = number ? QJsonValue(*number) : QJsonValue(text);
        } else if (valueKind == FilterValueKind::Boolean) {
            element = text == QLatin1String("true");
        }
        values.append(element);
    }
    m_list->setToolTip(allValid ? tr("Double-click a value to change it")
                                : tr("Some values are not numbers; they are compared as text"));
    commit(values);
}

void ConditionEditor::commit(const QJsonValue &value)
{
    if (m_loading)
        return;
    m_value = value;
    Q_EMIT conditionEdited();
}

QString ConditionEditor::listItemText(const QJsonValue &value)
{
    return FilterFields::valueText(value);
}

QJsonValue ConditionEditor::coerceScalar(const QJsonValue &value, FilterValueKind kind)
{
    switch (kind) {
    case FilterValueKind::Text:
        if (value.isString())
            return value;
        if (value.isDouble() || value.isBool())
            return FilterFields::valueText(value);
        break;
    case FilterValueKind::Number:
        if (value.isDouble())
            return value;
        if (value.isString())
            if (const auto number = parseNumber(value.toString()))
                return *number;
        break;
    case FilterValueKind::Boolean:
        if (value.isBool())
            return value;
        if (value.isString() && (value.toString() == QLatin1String("true")))
            return true;
        if (value.isString() && (value.toString() == QLatin1String("false")))
            return false;
        break;
    case FilterValueKind::Time:
        if (value.isString() && rfc3339::parse(value.toString()))
            return value;
        break;
    }
    return FilterFields::defaultValue(kind, QStringLiteral("eq"));
}

QJsonValue ConditionEditor::coerce(const QJsonValue &value, FilterValueKind kind, const QString &op)
{
    if (op == QLatin1String("exists"))
        return {};
    if (op == QLatin1String("in")) {
        QJsonArray values;
        if (value.isArray()) {
            for (const QJsonValue &element : value.toArray())
                values.append(coerceScalar(element, kind));
        } else if (!value.isUndefined() && !value.isNull()) {
            values.append(coerceScalar(value, kind));
        }
        if (values.isEmpty())
            values.append(FilterFields::defaultValue(kind, QStringLiteral("eq")));
        return values;
    }
    const QJsonValue scalar = value.isArray() && !value.toArray().isEmpty() ? value.toArray().first() : value;
    return coerceScalar(scalar, kind);
}

} // namespace osc::ui
