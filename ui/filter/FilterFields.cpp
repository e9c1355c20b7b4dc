#include "ui/filter/FilterFields.h"

#include "core/Rfc3339.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>

namespace osc::ui {

namespace {

bool isTimeField(const QString &field)
{
    return field == QLatin1String("timestamp") || field == QLatin1String("event_time")
        || field == QLatin1String("received_at");
}

FilterValueKind kindOfValue(const QJsonValue &value)
{
    const QJsonValue sample = value.isArray() && !value.toArray().isEmpty() ? value.toArray().first() : value;
    if (sample.isDouble())
        return FilterValueKind::Number;
    if (sample.isBool())
        return FilterValueKind::Boolean;
    return FilterValueKind::Text;
}

} // namespace

const QString FilterFields::kMetadataPrefix = QStringLiteral("metadata.");

void FilterFields::setDimensions(const QList<Dimension> &dimensions)
{
    m_fields.clear();
    for (const Dimension &dimension : dimensions) {
        FilterValueKind kind = FilterValueKind::Text;
        if (dimension.type == DimensionType::Number)
            kind = FilterValueKind::Number;
        else if (dimension.type == DimensionType::Boolean)
            kind = FilterValueKind::Boolean;
        m_fields.append({kMetadataPrefix + dimension.name,
            dimension.displayName.isEmpty() ? dimension.name : dimension.displayName, kind});
    }
    m_fields.append({QStringLiteral("subject"),
        QCoreApplication::translate("osc::ui::FilterFields", "Subject"), FilterValueKind::Text});
    m_fields.append({QStringLiteral("quantity"),
        QCoreApplication::translate("osc::ui::FilterFields", "Quantity"), FilterValueKind::Number});
    m_fields.append({QStringLiteral("timestamp"),
        QCoreApplication::translate("osc::ui::FilterFields", "Event time"), FilterValueKind::Time});
    m_fields.append({QStringLiteral("received_at"),
        QCoreApplication::translate("osc::ui::FilterFields", "Received at"), FilterValueKind::Time});
    m_fields.append({QStringLiteral("meter"), QCoreApplication::translate("osc::ui::FilterFields", "Meter"),
        FilterValueKind::Text});
    m_fields.append({QStringLiteral("idempotency_key"),
        QCoreApplication::translate("osc::ui::FilterFields", "Idempotency key"), FilterValueKind::Text});
}

QString FilterFields::label(const QString &field) const
{
    for (const Field &entry : m_fields)
        if (entry.name == field)
            return entry.label;
    if (field == QLatin1String("event_time"))
        return QCoreApplication::translate("osc::ui::FilterFields", "Event time");
    return field;
}

bool FilterFields::isKnown(const QString &field) const
{
    for (const Field &entry : m_fields)
        if (entry.name == field)
            return true;
    return false;
}

FilterValueKind FilterFields::kindOf(const QString &field, const QJsonValue &value) const
{
    for (const Field &entry : m_fields)
        if (entry.name == field)
            return entry.kind;
    if (isTimeField(field))
        return FilterValueKind::Time;
    if (field == QLatin1String("quantity"))
        return FilterValueKind::Number;
    return kindOfValue(value);
}

QStringList FilterFields::operatorsFor(const QString &field, FilterValueKind kind)
{
    // Top-level fields are always present (except the idempotency key), so `exists` would be noise.
    const bool canBeAbsent = isMetadata(field) || field == QLatin1String("idempotency_key");
    QStringList ops;
    switch (kind) {
    case FilterValueKind::Text:
        ops = {QStringLiteral("eq"), QStringLiteral("neq"), QStringLiteral("contains"), QStringLiteral("in"),
            QStringLiteral("gt"), QStringLiteral("gte"), QStringLiteral("lt"), QStringLiteral("lte")};
        break;
    case FilterValueKind::Number:
        ops = {QStringLiteral("eq"), QStringLiteral("neq"), QStringLiteral("gt"), QStringLiteral("gte"),
            QStringLiteral("lt"), QStringLiteral("lte"), QStringLiteral("in")};
        break;
    case FilterValueKind::Boolean:
        ops = {QStringLiteral("eq"), QStringLiteral("neq")};
        break;
    case FilterValueKind::Time:
        ops = {QStringLiteral("gte"), QStringLiteral("lt"), QStringLiteral("gt"), QStringLiteral("lte"),
            QStringLiteral("eq"), QStringLiteral("neq"), QStringLiteral("in")};
        break;
    }
    if (canBeAbsent)
        ops.append(QStringLiteral("exists"));
    return ops;
}

QString FilterFields::operatorLabel(const QString &op, FilterValueKind kind)
{
    const bool time = kind == FilterValueKind::Time;
    const bool text = kind == FilterValueKind::Text;
    if (op == QLatin1String("eq"))
        return QCoreApplication::translate("osc::ui::FilterFields", "is");
    if (op == QLatin1String("neq"))
        return QCoreApplication::translate("osc::ui::FilterFields", "is not");
    if (op == QLatin1String("gt"))
        return time ? QCoreApplication::translate("osc::ui::FilterFields", "after")
            : text  ? QCoreApplication::translate("osc::ui::FilterFields", "sorts after")
                    : QCoreApplication::translate("osc::ui::FilterFields", "greater than");
    if (op == QLatin1String("gte"))
        return time ? QCoreApplication::translate("osc::ui::FilterFields", "at or after")
            : text  ? QCoreApplication::translate("osc::ui::FilterFields", "sorts at or after")
                    : QCoreApplication::translate("osc::ui::FilterFields", "at least");
    if (op == QLatin1String("lt"))
        return time ? QCoreApplication::translate("osc::ui::FilterFields", "before")
            : text  ? QCoreApplication::translate("osc::ui::FilterFields", "sorts before")
                    : QCoreApplication::translate("osc::ui::FilterFields", "less than");
    if (op == QLatin1String("lte"))
        return time ? QCoreApplication::translate("osc::ui::FilterFields", "at or before")
            : text  ? QCoreApplication::translate("osc::ui::FilterFields", "sorts at or before")
                    : QCoreApplication::translate("osc::ui::FilterFields", "at most");
    if (op == QLatin1String("in"))
        return QCoreApplication::translate("osc::ui::FilterFields", "is one of");
    if (op == QLatin1String("contains"))
        return QCoreApplication::translate("osc::ui::FilterFields", "contains");
    if (op == QLatin1String("exists"))
        return QCoreApplication::translate("osc::ui::FilterFields", "is present");
    return op;
}

QJsonValue FilterFields::defaultValue(FilterValueKind kind, const QString &op)
{
    QJsonValue value;
    switch (kind) {
    case FilterValueKind::Text:
        value = QString();
        break;
    case FilterValueKind::Number:
        value = 0.0;
        break;
    case FilterValueKind::Boolean:
        value = true;
        break;
    case FilterValueKind::Time: {
        // Start of today (local): a round value people then adjust, rather than "now" to the second.
        const QDateTime midnight = QDateTime(QDate::currentDate(), QTime(0, 0));
        value = rfc3339::formatSeconds(midnight.toMSecsSinceEpoch() * 1'000'000);
        break;
    }
    }
    if (op == QLatin1String("exists"))
        return {};
    if (op == QLatin1String("in"))
        return QJsonArray{value};
    return value;
}

QString FilterFields::valueText(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::String:
        return value.toString();
    case QJsonValue::Double:
        return QLocale::c().toString(value.toDouble(), 'g', QLocale::FloatingPointShortest);
    case QJsonValue::Bool:
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Array: {
        QStringList parts;
        for (const QJsonValue &element : value.toArray())
            parts.append(valueText(element));
        return parts.join(QLatin1String(", "));
    }
    case QJsonValue::Object:
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Undefined:
        break;
    }
    return {};
}

} // namespace osc::ui
