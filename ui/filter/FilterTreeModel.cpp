#include "ui/filter/FilterTreeModel.h"

#include "filter/Filter.h"

#include <QJsonArray>
#include <QJsonObject>

namespace osc::ui {

struct FilterTreeModel::Node
{
    bool group = false;
    QString groupOp = QStringLiteral("and");
    QString field;
    QString op;
    QJsonValue value;
    Node *parent = nullptr;
    std::vector<std::unique_ptr<Node>> children;

    int row() const
    {
        if (!parent)
            return 0;
        for (size_t i = 0; i < parent->children.size(); ++i)
            if (parent->children[i].get() == this)
                return int(i);
        return 0;
    }
};

namespace {

QString opName(query::FilterOp op)
{
    switch (op) {
    case query::FilterOp::Eq:
        return QStringLiteral("eq");
    case query::FilterOp::Neq:
        return QStringLiteral("neq");
    case query::FilterOp::Gt:
        return QStringLiteral("gt");
    case query::FilterOp::Gte:
        return QStringLiteral("gte");
    case query::FilterOp::Lt:
        return QStringLiteral("lt");
    case query::FilterOp::Lte:
        return QStringLiteral("lte");
    case query::FilterOp::In:
        return QStringLiteral("in");
    case query::FilterOp::Contains:
        return QStringLiteral("contains");
    case query::FilterOp::Exists:
        return QStringLiteral("exists");
    }
    return {};
}

} // namespace

FilterTreeModel::FilterTreeModel(QObject *parent)
    : QAbstractItemModel(parent)
    , m_root(std::make_unique<Node>())
{
    m_root->group = true;
    m_fields.setDimensions({});
}

FilterTreeModel::~FilterTreeModel() = default;

void FilterTreeModel::setFields(const FilterFields &fields)
{
    m_fields = fields;
    if (!m_root->children.empty()) {
        // Labels of every row may change; the structure does not.
        Q_EMIT layoutAboutToBeChanged();
        Q_EMIT layoutChanged();
    }
}

Status FilterTreeModel::setJson(const QJsonValue &json)
{
    auto parsed = query::parseFilter(json);
    if (!parsed)
        return parsed.error();
    setFilter(parsed->has_value() ? &**parsed : nullptr);
    return {};
}

void FilterTreeModel::setFilter(const query::FilterNode *filter)
{
    beginResetModel();
    m_root->children.clear();
    if (filter)
        m_root->children.push_back(nodeFrom(*filter, m_root.get()));
    endResetModel();
    Q_EMIT filterEdited();
}

std::unique_ptr<FilterTreeModel::Node> FilterTreeModel::nodeFrom(
    const query::FilterNode &filter, Node *parent)
{
    auto node = std::make_unique<Node>();
    node->parent = parent;
    if (filter.isGroup()) {
        node->group = true;
        node->groupOp
            = filter.groupOp == query::FilterGroupOp::Or ? QStringLiteral("or") : QStringLiteral("and");
        for (const query::FilterNode &rule : filter.rules)
            node->children.push_back(nodeFrom(rule, node.get()));
        return node;
    }
    node->field = filter.fieldName;
    node->op = opName(filter.op);
    // `exists` ignores its value; dropping it keeps the tree and its JSON canonical.
    if (filter.op != query::FilterOp::Exists)
        node->value = filter.value;
    return node;
}

QJsonValue FilterTreeModel::toJson() const
{
    if (m_root->children.empty())
        return QJsonValue::Null;
    const QJsonValue json = nodeJson(*m_root->children.front());
    return json.isUndefined() ? QJsonValue(QJsonValue::Null) : json;
}

QJsonValue FilterTreeModel::nodeJson(const Node &node)
{
    QJsonObject object;
    if (node.group) {
        QJsonArray rules;
        for (const auto &child : node.children) {
            const QJsonValue rule = nodeJson(*child);
            if (!rule.isUndefined())
                rules.append(rule);
        }
        if (rules.isEmpty())
            return QJsonValue::Undefined; // still being built: not part of the filter yet
        object.insert(QStringLiteral("type"), QStringLiteral("group"));
        object.insert(QStringLiteral("op"), node.groupOp);
        object.insert(QStringLiteral("rules"), rules);
        return object;
    }
    object.insert(QStringLiteral("type"), QStringLiteral("condition"));
    object.insert(QStringLiteral("field"), node.field);
    object.insert(QStringLiteral("op"), node.op);
    if (node.op != QLatin1String("exists") && !node.value.isUndefined())
        object.insert(QStringLiteral("value"), node.value);
    return object;
}

bool FilterTreeModel::isEmpty() const
{
    return m_root->children.empty();
}

void FilterTreeModel::clear()
{
    setFilter(nullptr);
}

FilterTreeModel::Node *FilterTreeModel::nodeAt(const QModelIndex &index) const
{
    return index.isValid() ? static_cast<Node *>(index.internalPointer()) : m_root.get();
}

QModelIndex FilterTreeModel::indexOf(Node *node, int column) const
{
    if (!node || node == m_root.get())
        return {};
    return createIndex(node->row(), column, node);
}

FilterTreeModel::Node *FilterTreeModel::groupFor(const QModelIndex &where, QModelIndex *groupIndex)
{
    Node *target = nodeAt(where);
    if (!target->group)
        target = target->parent;
    if (target == m_root.get() && !m_root->children.empty()) {
        Node *top = m_root->children.front().get();
        if (!top->group) {
            // A filter is one node: a second top-level rule turns the first into a group of two.
            beginRemoveRows({}, 0, 0);
            std::unique_ptr<Node> condition = std::move(m_root->children.front());
            m_root->children.clear();
            endRemoveRows();
            auto group = std::make_unique<Node>();
            group->group = true;
            group->parent = m_root.get();
            condition->parent = group.get();
            group->children.push_back(std::move(condition));
            beginInsertRows({}, 0, 0);
            m_root->children.push_back(std::move(group));
            endInsertRows();
        }
        target = m_root->children.front().get();
    }
    *groupIndex = indexOf(target);
    return target;
}

QModelIndex FilterTreeModel::insertNode(const QModelIndex &where, std::unique_ptr<Node> node)
{
    QModelIndex groupIndex;
    Node *group = groupFor(where, &groupIndex);
    const int row = int(group->children.size());
    node->parent = group;
    Node *raw = node.get();
    beginInsertRows(groupIndex, row, row);
    group->children.push_back(std::move(node));
    endInsertRows();
    Q_EMIT filterEdited();
    return indexOf(raw);
}

QModelIndex FilterTreeModel::addCondition(
    const QModelIndex &where, const QString &field, const QString &op, const QJsonValue &value)
{
    auto node = std::make_unique<Node>();
    node->field = field;
    node->op = op;
    node->value = value;
    return insertNode(where, std::move(node));
}

QModelIndex FilterTreeModel::addGroup(const QModelIndex &where, const QString &groupOp)
{
    auto node = std::make_unique<Node>();
    node->group = true;
    node->groupOp = groupOp;
    return insertNode(where, std::move(node));
}

void FilterTreeModel::removeNode(const QModelIndex &index)
{
    if (!index.isValid())
        return;
    Node *node = nodeAt(index);
    Node *parent = node->parent;
    const int row = node->row();
    beginRemoveRows(indexOf(parent), row, row);
    parent->children.erase(parent->children.begin() + row);
    endRemoveRows();
    // A group that lost its last rule is no filter at all; take it away too.
    if (parent != m_root.get() && parent->children.empty())
        removeNode(indexOf(parent));
    else
        Q_EMIT filterEdited();
}

bool FilterTreeModel::setGroupOp(const QModelIndex &index, const QString &groupOp)
{
    Node *node = nodeAt(index);
    if (!index.isValid() || !node->group)
        return false;
    if (node->groupOp != groupOp) {
        node->groupOp = groupOp;
        Q_EMIT dataChanged(indexOf(node, 0), indexOf(node, ColumnCount - 1));
        Q_EMIT filterEdited();
    }
    return true;
}

bool FilterTreeModel::setCondition(
    const QModelIndex &index, const QString &field, const QString &op, const QJsonValue &value)
{
    Node *node = nodeAt(index);
    if (!index.isValid() || node->group)
        return false;
    if (node->field == field && node->op == op && node->value == value)
        return true;
    node->field = field;
    node->op = op;
    node->value = value;
    Q_EMIT dataChanged(indexOf(node, 0), indexOf(node, ColumnCount - 1));
    Q_EMIT filterEdited();
    return true;
}

int FilterTreeModel::depthOf(const QModelIndex &index) const
{
    int depth = 0;
    for (const Node *node = nodeAt(index); node && node != m_root.get(); node = node->parent)
        ++depth;
    return depth;
}

QModelIndex FilterTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    if (!hasIndex(row, column, parent))
        return {};
    Node *node = nodeAt(parent);
    return createIndex(row, column, node->children[size_t(row)].get());
}

QModelIndex FilterTreeModel::parent(const QModelIndex &child) const
{
    if (!child.isValid())
        return {};
    return indexOf(nodeAt(child)->parent);
}

int FilterTreeModel::rowCount(const QModelIndex &parent) const
{
    if (parent.isValid() && parent.column() != 0)
        return 0;
    return int(nodeAt(parent)->children.size());
}

int FilterTreeModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

QVariant FilterTreeModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const Node &node = *nodeAt(index);
    switch (role) {
    case Qt::DisplayRole:
        return displayData(node, index.column());
    case Qt::ToolTipRole:
        if (node.group && node.children.empty())
            return tr("An empty group is not part of the filter until it holds a condition.");
        return node.group ? QVariant() : QVariant(node.field);
    case IsGroupRole:
        return node.group;
    case GroupOpRole:
        return node.group ? QVariant(node.groupOp) : QVariant();
    case FieldRole:
        return node.group ? QVariant() : QVariant(node.field);
    case OpRole:
        return node.group ? QVariant() : QVariant(node.op);
    case ValueRole:
        return node.group ? QVariant() : QVariant::fromValue(node.value);
    default:
        return {};
    }
}

QVariant FilterTreeModel::displayData(const Node &node, int column) const
{
    if (node.group) {
        if (column != FieldColumn)
            return {};
        const bool any = node.groupOp == QLatin1String("or");
        QString text = any ? tr("Any of (OR)") : tr("All of (AND)");
        if (node.children.empty())
            text += QLatin1Char(' ') + tr("\u2014 empty");
        return text;
    }
    const FilterValueKind kind = m_fields.kindOf(node.field, node.value);
    switch (column) {
    case FieldColumn:
        return m_fields.label(node.field);
    case OperatorColumn:
        return FilterFields::operatorLabel(node.op, kind);
    case ValueColumn:
        if (node.op == QLatin1String("exists"))
            return QString();
        if (node.value.isString() && kind != FilterValueKind::Time)
            return QStringLiteral("\u201c%1\u201d").arg(node.value.toString());
        return FilterFields::valueText(node.value);
    default:
        return {};
    }
}

QVariant FilterTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractItemModel::headerData(section, orientation, role);
    switch (section) {
    case FieldColumn:
        return tr("Field");
    case OperatorColumn:
        return tr("Condition");
    case ValueColumn:
        return tr("Value");
    default:
        return {};
    }
}

} // namespace osc::ui
