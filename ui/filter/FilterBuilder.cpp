#include "ui/filter/FilterBuilder.h"

#include "core/Error.h"
#include "filter/Filter.h"
#include "ui/common/InlineErrorLabel.h"
#include "ui/common/PageHeader.h"
#include "ui/filter/ConditionEditor.h"
#include "ui/filter/FilterTreeModel.h"

#include <QComboBox>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSplitter>
#include <QStackedWidget>
#include <QTimer>
#include <QTreeView>
#include <QVBoxLayout>

namespace osc::ui {

namespace {

enum EditorPage
{
    HintPage,
    GroupPage,
    ConditionPage,
};

QString compactJson(const QJsonValue &value)
{
    // QJsonDocument only writes objects and arrays; wrap scalars and strip the brackets again.
    const QByteArray text = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(text.mid(1, text.size() - 2));
}

// Filters read best with one condition per line and groups indented, keys in the order people
// write them (type, field, op, value) rather than QJsonDocument's alphabetical, four-space layout.
QString filterText(const QJsonObject &node, int indent)
{
    const QString pad(indent * 2, QLatin1Char(' '));
    const auto pair = [](const char *key, const QJsonValue &value) {
        return QStringLiteral("\"%1\": %2").arg(QLatin1String(key), compactJson(value));
    };
    if (node.value(QLatin1String("type")).toString() != QLatin1String("group")) {
        QStringList parts;
        for (const char *key : {"type", "field", "op", "value"})
            if (node.contains(QLatin1String(key)))
                parts.append(pair(key, node.value(QLatin1String(key))));
        return pad + QLatin1Char('{') + parts.join(QLatin1String(", ")) + QLatin1Char('}');
    }
    QStringList rules;
    for (const QJsonValue &rule : node.value(QLatin1String("rules")).toArray())
        rules.append(filterText(rule.toObject(), indent + 1));
    return pad + QLatin1Char('{') + pair("type", node.value(QLatin1String("type"))) + QLatin1String(", ")
        + pair("op", node.value(QLatin1String("op"))) + QLatin1String(", \"rules\": [\n")
        + rules.join(QLatin1String(",\n")) + QLatin1Char('\n') + pad + QLatin1String("]}");
}

} // namespace

FilterBuilder::FilterBuilder(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("filterBuilder"));
    m_fields.setDimensions({});
    m_model = new FilterTreeModel(this);
    m_model->setFields(m_fields);

    m_addCondition = new QPushButton(tr("Add condition"), this);
    m_addCondition->setObjectName(QStringLiteral("filterAddCondition"));
    m_addCondition->setToolTip(
        tr("Add a condition to the selected group (or next to the selected condition)"));
    m_addGroup = new QPushButton(tr("Add group"), this);
    m_addGroup->setObjectName(QStringLiteral("filterAddGroup"));
    m_addGroup->setToolTip(tr("Add a nested group: its conditions combine with AND or OR"));
    m_remove = new QPushButton(tr("Remove"), this);
    m_remove->setObjectName(QStringLiteral("filterRemove"));
    m_remove->setToolTip(tr("Remove the selected condition or group"));
    m_clear = new QPushButton(tr("Clear"), this);
    m_clear->setObjectName(QStringLiteral("filterClear"));
    m_clear->setToolTip(tr("Remove the whole filter"));
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_addCondition);
    buttons->addWidget(m_addGroup);
    buttons->addWidget(m_remove);
    buttons->addStretch(1);
    buttons->addWidget(m_clear);

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(buildTreePane());
    splitter->addWidget(buildJsonPane());
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 1);
    // Without explicit sizes the condition editor's wide size hint squeezes the JSON to a sliver.
    splitter->setSizes({550, 450});

    m_error = new InlineErrorLabel(this);
    m_error->setObjectName(QStringLiteral("filterError"));

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(buttons);
    layout->addWidget(splitter, 1);
    layout->addWidget(m_error);

    m_jsonTimer = new QTimer(this);
    m_jsonTimer->setSingleShot(true);
    m_jsonTimer->setInterval(kJsonApplyDelayMs);

    connect(m_addCondition, &QPushButton::clicked, this, &FilterBuilder::addCondition);
    connect(m_addGroup, &QPushButton::clicked, this, &FilterBuilder::addGroup);
    connect(m_remove, &QPushButton::clicked, this, &FilterBuilder::removeSelected);
    connect(m_clear, &QPushButton::clicked, this, &FilterBuilder::clearFilter);
    connect(m_model, &FilterTreeModel::filterEdited, this, &FilterBuilder::onTreeEdited);
    connect(m_model, &QAbstractItemModel::rowsInserted, m_tree, &QTreeView::expandAll);
    connect(m_model, &QAbstractItemModel::modelReset, m_tree, &QTreeView::expandAll);
    connect(m_tree->selectionModel(), &QItemSelectionModel::currentChanged, this,
        &FilterBuilder::onCurrentChanged);
    connect(m_conditionEditor, &ConditionEditor::conditionEdited, this, [this] {
        m_model->setCondition(
            currentIndex(), m_conditionEditor->field(), m_conditionEditor->op(), m_conditionEditor->value());
    });
    connect(m_groupOpCombo, &QComboBox::activated, this,
        [this] { m_model->setGroupOp(currentIndex(), m_groupOpCombo->currentData().toString()); });
    connect(m_json, &QPlainTextEdit::textChanged, this, [this] {
        if (!m_writingJson)
            m_jsonTimer->start();
    });
    connect(m_jsonTimer, &QTimer::timeout, this, &FilterBuilder::applyJsonText);

    onTreeEdited();
    onCurrentChanged();
}

QWidget *FilterBuilder::buildTreePane()
{
    auto *pane = new QWidget(this);
    m_tree = new QTreeView(pane);
    m_tree->setObjectName(QStringLiteral("filterTree"));
    m_tree->setModel(m_model);
    m_tree->setSelectionMode(QAbstractItemView::SingleSelection);
    m_tree->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_tree->setUniformRowHeights(true);
    m_tree->setAllColumnsShowFocus(true);
    m_tree->setMinimumHeight(96);
    m_tree->header()->setStretchLastSection(true);
    m_tree->setColumnWidth(FilterTreeModel::FieldColumn, 190);
    m_tree->setColumnWidth(FilterTreeModel::OperatorColumn, 110);

    m_treeEmpty = new QLabel(tr("No filter: every event counts.\nAdd a condition to narrow it down, "
                                "or type a filter as JSON on the right."),
        pane);
    m_treeEmpty->setObjectName(QStringLiteral("filterEmptyState"));
    m_treeEmpty->setAlignment(Qt::AlignCenter);
    m_treeEmpty->setWordWrap(true);
    m_treeEmpty->setFrameShape(QFrame::StyledPanel);
    PageHeader::makeMuted(m_treeEmpty);

    m_treeStack = new QStackedWidget(pane);
    m_treeStack->addWidget(m_tree);
    m_treeStack->addWidget(m_treeEmpty);

    m_editorHint = new QLabel(tr("Select a condition or group to edit it."), pane);
    PageHeader::makeMuted(m_editorHint);

    auto *groupPage = new QWidget(pane);
    m_groupOpCombo = new QComboBox(groupPage);
    m_groupOpCombo->setObjectName(QStringLiteral("filterGroupOp"));
    m_groupOpCombo->addItem(tr("all of its rules (AND)"), QStringLiteral("and"));
    m_groupOpCombo->addItem(tr("any of its rules (OR)"), QStringLiteral("or"));
    auto *groupLayout = new QHBoxLayout(groupPage);
    groupLayout->setContentsMargins(0, 0, 0, 0);
    auto *groupLabel = new QLabel(tr("Events match this group when they match"), groupPage);
    groupLabel->setBuddy(m_groupOpCombo);
    groupLayout->addWidget(groupLabel);
    groupLayout->addWidget(m_groupOpCombo);
    groupLayout->addStretch(1);

    m_conditionEditor = new ConditionEditor(pane);
    m_conditionEditor->setObjectName(QStringLiteral("filterConditionEditor"));

    m_editorStack = new QStackedWidget(pane);
    m_editorStack->addWidget(m_editorHint);
    m_editorStack->addWidget(groupPage);
    m_editorStack->addWidget(m_conditionEditor);
    m_editorStack->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Maximum);

    auto *layout = new QVBoxLayout(pane);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_treeStack, 1);
    layout->addWidget(m_editorStack);
    return pane;
}

QWidget *FilterBuilder::buildJsonPane()
{
    auto *pane = new QWidget(this);
    auto *label = new QLabel(tr("As JSON (editable; applied when valid)"), pane);
    label->setWordWrap(true); // a caption must not set the builder's minimum width (German is long)
    PageHeader::makeMuted(label);
    m_json = new QPlainTextEdit(pane);
    m_json->setObjectName(QStringLiteral("filterJson"));
    m_json->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    // One condition per line is long; wrapped at spaces it still reads as one rule.
    m_json->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    m_json->setTabChangesFocus(true);
    m_json->setPlaceholderText(
        QStringLiteral("{\"type\": \"condition\", \"field\": \"metadata.region\", \"op\": \"eq\", "
                       "\"value\": \"eu-west\"}"));
    label->setBuddy(m_json);
    auto *layout = new QVBoxLayout(pane);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(label);
    layout->addWidget(m_json, 1);
    return pane;
}

void FilterBuilder::setDimensions(const QList<Dimension> &dimensions)
{
    m_fields.setDimensions(dimensions);
    m_model->setFields(m_fields);
    m_conditionEditor->setFields(m_fields);
}

QString FilterBuilder::setFilter(const QJsonValue &filter)
{
    const Status status = m_model->setJson(filter);
    if (!status)
        return describeError(status.error());
    return {};
}

QString FilterBuilder::errorText() const
{
    return m_error->text();
}

QModelIndex FilterBuilder::currentIndex() const
{
    const QModelIndex current = m_tree->selectionModel()->currentIndex();
    return current.isValid() ? current.siblingAtColumn(0) : current;
}

void FilterBuilder::addCondition()
{
    const FilterFields::Field &first = m_fields.fields().first();
    const QString op = FilterFields::operatorsFor(first.name, first.kind).first();
    const QModelIndex added
        = m_model->addCondition(currentIndex(), first.name, op, FilterFields::defaultValue(first.kind, op));
    m_tree->setCurrentIndex(added);
}

void FilterBuilder::addGroup()
{
    // A nested group usually flips the combinator: all of [a, any of [b, c]].
    QModelIndex where = currentIndex();
    if (where.isValid() && !where.data(FilterTreeModel::IsGroupRole).toBool())
        where = where.parent();
    if (!where.isValid() && !m_model->isEmpty())
        where = m_model->index(0, 0);
    // A lone top-level condition gets wrapped in an "and" group first.
    const bool parentIsAnd = where.isValid()
        && (!where.data(FilterTreeModel::IsGroupRole).toBool()
            || where.data(FilterTreeModel::GroupOpRole).toString() == QLatin1String("and"));
    const QString op = parentIsAnd ? QStringLiteral("or") : QStringLiteral("and");
    const QModelIndex group = m_model->addGroup(currentIndex(), op);
    // An empty group is no filter; give it a first condition to edit.
    const FilterFields::Field &first = m_fields.fields().first();
    const QString conditionOp = FilterFields::operatorsFor(first.name, first.kind).first();
    const QModelIndex added = m_model->addCondition(
        group, first.name, conditionOp, FilterFields::defaultValue(first.kind, conditionOp));
    m_tree->setCurrentIndex(added);
}

void FilterBuilder::removeSelected()
{
    m_model->removeNode(currentIndex());
}

void FilterBuilder::clearFilter()
{
    m_model->clear();
}

void FilterBuilder::applyJsonText()
{
    m_jsonTimer->stop();
    const QString text = m_json->toPlainText().trimmed();
    QJsonValue value = QJsonValue::Null;
    if (!text.isEmpty() && text != QLatin1String("null")) {
        QJsonParseError parseError;
        const QJsonDocument document = QJsonDocument::fromJson(text.toUtf8(), &parseError);
        if (parseError.error != QJsonParseError::NoError) {
            m_error->showError(tr("The JSON has a syntax error at character %1: %2. The tree keeps the "
                                  "last valid filter.")
                                   .arg(parseError.offset)
                                   .arg(parseError.errorString()));
            return;
        }
        value = document.isObject() ? QJsonValue(document.object()) : QJsonValue(document.array());
    }
    m_applyingJson = true;
    const Status status = m_model->setJson(value);
    m_applyingJson = false;
    if (!status) {
        m_error->showError(
            describeError(status.error()) + QLatin1Char(' ') + tr("The tree keeps the last valid filter."));
        return;
    }
    m_error->clearError();
}

void FilterBuilder::onTreeEdited()
{
    const QJsonValue json = m_model->toJson();
    if (!m_applyingJson)
        writeJsonText(json);
    m_treeStack->setCurrentWidget(m_model->isEmpty() ? static_cast<QWidget *>(m_treeEmpty) : m_tree);
    updateActions();
    // The tree only builds shapes the engine knows, but values can still be incomplete (an empty
    // metadata key, an empty list): the engine says so, and the last valid filter stays in force.
    auto parsed = query::parseFilter(json);
    if (!parsed) {
        m_error->showError(describeError(parsed.error()));
        return;
    }
    m_error->clearError();
    if (json != m_filter) {
        m_filter = json;
        Q_EMIT filterChanged(m_filter);
    }
}

void FilterBuilder::writeJsonText(const QJsonValue &json)
{
    m_writingJson = true;
    m_jsonTimer->stop();
    if (json.isObject())
        m_json->setPlainText(filterText(json.toObject(), 0) + QLatin1Char('\n'));
    else
        m_json->clear();
    m_writingJson = false;
}

void FilterBuilder::onCurrentChanged()
{
    const QModelIndex current = currentIndex();
    if (!current.isValid()) {
        m_editorStack->setCurrentIndex(HintPage);
    } else if (current.data(FilterTreeModel::IsGroupRole).toBool()) {
        m_groupOpCombo->setCurrentIndex(m_groupOpCombo->findData(current.data(FilterTreeModel::GroupOpRole)));
        m_editorStack->setCurrentIndex(GroupPage);
    } else {
        m_conditionEditor->setCondition(current.data(FilterTreeModel::FieldRole).toString(),
            current.data(FilterTreeModel::OpRole).toString(),
            current.data(FilterTreeModel::ValueRole).value<QJsonValue>());
        m_editorStack->setCurrentIndex(ConditionPage);
    }
    updateActions();
}

void FilterBuilder::updateActions()
{
    const QModelIndex current = currentIndex();
    m_remove->setEnabled(current.isValid());
    m_clear->setEnabled(!m_model->isEmpty());
    // The engine refuses filters nested deeper than kMaxFilterDepth; a new group and its condition
    // sit two levels below the group they are added to.
    QModelIndex group = current;
    if (group.isValid() && !group.data(FilterTreeModel::IsGroupRole).toBool())
        group = group.parent();
    m_addGroup->setEnabled(m_model->depthOf(group) + 2 <= query::kMaxFilterDepth);
}

QString FilterBuilder::describeError(const Error &error)
{
    if (error.code == QLatin1String("invalid_json"))
        return tr("This JSON is not a filter. A filter is one object: a condition {\"type\": \"condition\", "
                  "\"field\": …, \"op\": …, \"value\": …} or a group {\"type\": \"group\", \"op\": "
                  "\"and\", \"rules\": […]}.");
    QString detail = error.message;
    detail.remove(QRegularExpression(QStringLiteral("^invalid input: ")));
    if (detail == QLatin1String("unsupported filter field \"metadata.\""))
        return tr("Type the metadata key to filter on.");
    if (detail.startsWith(QLatin1String("unsupported filter field")))
        return tr("%1: fields are subject, meter, quantity, timestamp, event_time, received_at, "
                  "idempotency_key or metadata.<key> (letters, digits, _ and -, dots between parts).")
            .arg(detail);
    if (detail.startsWith(QLatin1String("in filter requires")))
        return tr("\u201cis one of\u201d needs at least one value.");
    if (detail == QLatin1String("filter value is required"))
        return tr("Every condition except \u201cis present\u201d needs a value (null is not one).");
    if (detail.contains(QLatin1String("must be an RFC 3339 timestamp")))
        return tr("%1, like 2026-03-01T00:00:00Z.").arg(detail);
    if (detail.isEmpty())
        return error.code;
    detail[0] = detail[0].toUpper();
    return detail + QLatin1Char('.');
}

} // namespace osc::ui
