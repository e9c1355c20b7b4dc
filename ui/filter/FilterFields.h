#pragma once

#include "model/Meter.h"

#include <QJsonValue>
#include <QList>
#include <QString>
#include <QStringList>

namespace osc::ui {

// What a filter condition's value is, which decides the operators offered and the value editor.
enum class FilterValueKind
{
    Text,
    Number,
    Boolean,
    Time,
};

// The fields the filter builder offers and how it labels them. Only presentation lives here: which
// fields and operators are *valid* is the engine's parseFilter() call, never repeated in the UI.
class FilterFields
{
public:
    struct Field
    {
        QString name; // as written in the filter JSON: "subject", "metadata.region"
        QString label; // "Region"
        FilterValueKind kind = FilterValueKind::Text;
    };

    static const QString kMetadataPrefix; // "metadata."

    // The fields of events carrying `dimensions` (one meter's, or the union over meters).
    void setDimensions(const QList<osc::Dimension> &dimensions);
    const QList<Field> &fields() const { return m_fields; }

    // The label of any field, also ones not offered ("metadata.trace.id" → "metadata.trace.id").
    QString label(const QString &field) const;
    // A known field's kind; for free metadata keys, the kind of the value already there (text if none).
    FilterValueKind kindOf(const QString &field, const QJsonValue &value = {}) const;
    bool isKnown(const QString &field) const;
    static bool isMetadata(const QString &field) { return field.startsWith(kMetadataPrefix); }

    // Operators offered for a field, most useful first. `exists` only where a field can be absent.
    static QStringList operatorsFor(const QString &field, FilterValueKind kind);
    // "is", "is one of", "after" (time)…
    static QString operatorLabel(const QString &op, FilterValueKind kind);
    // A fresh value of `kind` for a new condition (`in` takes a one-element list of it).
    static QJsonValue defaultValue(FilterValueKind kind, const QString &op);
    // A value as one short line for the tree: "us-east", 200, true, "a, b, c".
    static QString valueText(const QJsonValue &value);

private:
    QList<Field> m_fields;
};

} // namespace osc::ui
