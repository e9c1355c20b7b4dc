#pragma once

#include "core/Result.h"
#include "ui/filter/FilterFields.h"

#include <QAbstractItemModel>
#include <QJsonValue>

#include <memory>
#include <vector>

namespace osc::query {
struct FilterNode;
}

namespace osc::ui {

// A §6.6 filter as a tree: and/or groups holding conditions and further groups. There is at most one
// top-level node (a filter is one node); no node means "no filter".
//
// Groups without rules are legal here while someone is building, but they are not a filter: toJson()
// leaves them out (the engine refuses empty groups). Loading JSON goes through the engine's
// parseFilter(), so the tree only ever holds what the engine accepted.
class FilterTreeModel : public QAbstractItemModel
{
    Q_OBJECT

public:
    enum Column
    {
        FieldColumn, // group: "All of (AND)"; condition: the field's label
        OperatorColumn,
        ValueColumn,
        ColumnCount
    };
    enum Role
    {
        IsGroupRole = Qt::UserRole + 1,
        GroupOpRole, // "and" / "or"
        FieldRole, // "metadata.region"
        OpRole, // "eq"
        ValueRole, // QJsonValue
    };

    explicit FilterTreeModel(QObject *parent = nullptr);
    ~FilterTreeModel() override;

    // Labels and kinds for display; does not change the tree.
    void setFields(const FilterFields &fields);
    const FilterFields &fields() const { return m_fields; }

    // Replaces the tree with `json` when the engine accepts it (null/undefined = empty); otherwise
    // returns the engine's error and leaves the tree as it was.
    Status setJson(const QJsonValue &json);
    // Replaces the tree with a parsed filter (nullptr = empty).
    void setFilter(const osc::query::FilterNode *filter);
    // The filter the tree describes; Null when empty.
    QJsonValue toJson() const;
    bool isEmpty() const;
    void clear();

    // Adds a condition at `where`: into a group, next to a condition (in its group), or at the top.
    // A second top-level node wraps the first in an "and" group. Returns the new condition.
    QModelIndex addCondition(
        const QModelIndex &where, const QString &field, const QString &op, const QJsonValue &value);
    // Adds an empty group the same way. Returns it.
    QModelIndex addGroup(const QModelIndex &where, const QString &groupOp);
    void removeNode(const QModelIndex &index);
    bool setGroupOp(const QModelIndex &index, const QString &groupOp);
    bool setCondition(
        const QModelIndex &index, const QString &field, const QString &op, const QJsonValue &value);
    // Nesting depth of `index` as the engine counts it (a top-level node is at depth 1).
    int depthOf(const QModelIndex &index) const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

Q_SIGNALS:
    // After any change of the tree's content (structure or a node's fields).
    void filterEdited();

private:
    struct Node;
    Node *nodeAt(const QModelIndex &index) const;
    QModelIndex indexOf(Node *node, int column = 0) const;
    Node *groupFor(const QModelIndex &where, QModelIndex *groupIndex);
    QModelIndex insertNode(const QModelIndex &where, std::unique_ptr<Node> node);
    static QJsonValue nodeJson(const Node &node);
    static std::unique_ptr<Node> nodeFrom(const osc::query::FilterNode &filter, Node *parent);
    QVariant displayData(const Node &node, int column) const;

    std::unique_ptr<Node> m_root; // invisible holder of the top-level node
    FilterFields m_fields;
};

} // namespace osc::ui
