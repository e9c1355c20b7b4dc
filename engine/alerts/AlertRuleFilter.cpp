#include "AlertRuleFilter.h"

#include "filter/MetadataPath.h"

#include <QJsonArray>
#include <QJsonObject>

namespace osc::alerts {

namespace {

const QString kMetadataPrefix = QStringLiteral("metadata.");

QJsonObject condition(const QString &field, const QString &value)
{
    return {{QStringLiteral("type"), QStringLiteral("condition")}, {QStringLiteral("field"), field},
        {QStringLiteral("op"), QStringLiteral("eq")}, {QStringLiteral("value"), value}};
}

Error refuse(const QString &why)
{
    return Error::invalidInputLine(why);
}

Status collect(const QJsonObject &node, AlertRuleMatch &out, bool &haveSubject)
{
    const QString type = node.value(QStringLiteral("type")).toString();
    if (type == QLatin1String("group")) {
        if (node.value(QStringLiteral("op")).toString() != QLatin1String("and"))
            return refuse(QStringLiteral("an alert rule can only require all of its conditions (and)"));
        for (const QJsonValue &rule : node.value(QStringLiteral("rules")).toArray())
            if (auto s = collect(rule.toObject(), out, haveSubject); !s)
                return s;
        return {};
    }
    if (type != QLatin1String("condition"))
        return refuse(QStringLiteral("unsupported filter type \"%1\"").arg(type));
    const QString field = node.value(QStringLiteral("field")).toString();
    if (node.value(QStringLiteral("op")).toString() != QLatin1String("eq"))
        return refuse(QStringLiteral("an alert rule compares %1 by equality only (is)").arg(field));
    const QJsonValue value = node.value(QStringLiteral("value"));
    if (!(value.isString() || value.isDouble() || value.isBool()))
        return refuse(QStringLiteral("%1 needs a single text, number or true/false value").arg(field));
    const QString text = query::textualForm(value);
    if (field == QLatin1String("subject")) {
        if (haveSubject && out.subject != text)
            return refuse(QStringLiteral("an alert rule matches one subject"));
        haveSubject = true;
        out.subject = text;
        return {};
    }
    if (!field.startsWith(kMetadataPrefix))
        return refuse(
            QStringLiteral("an alert rule filters on subject and metadata only, not %1").arg(field));
    const QString key = field.mid(kMetadataPrefix.size());
    for (const auto &[existing, existingValue] : out.metadata)
        if (existing == key && existingValue != text)
            return refuse(QStringLiteral("%1 cannot equal two values").arg(field));
    out.metadata.append({key, text});
    return {};
}

} // namespace

QJsonValue AlertRuleFilter::toFilter(const AlertRuleMatch &match)
{
    QJsonArray rules;
    if (!match.subject.isEmpty())
        rules.append(condition(QStringLiteral("subject"), match.subject));
    for (const auto &[key, value] : match.metadata)
        rules.append(condition(kMetadataPrefix + key, value));
    if (rules.isEmpty())
        return QJsonValue::Null;
    if (rules.size() == 1)
        return rules.first();
    return QJsonObject{{QStringLiteral("type"), QStringLiteral("group")},
        {QStringLiteral("op"), QStringLiteral("and")}, {QStringLiteral("rules"), rules}};
}

Result<AlertRuleMatch> AlertRuleFilter::fromFilter(const QJsonValue &filter)
{
    AlertRuleMatch match;
    if (filter.isNull() || filter.isUndefined())
        return match;
    if (!filter.isObject())
        return refuse(QStringLiteral("filter must be an object"));
    bool haveSubject = false;
    if (auto s = collect(filter.toObject(), match, haveSubject); !s)
        return s.error();
    return match;
}

} // namespace osc::alerts
