#include "AlertValidator.h"

#include "filter/MetadataPath.h"
#include "ingest/IngestValidator.h"

#include <QMap>
#include <QUrl>

#include <cmath>

namespace osc::alerts {

namespace {

const QString kMetadataPrefix = QStringLiteral("metadata.");

QString stripMetadataPrefix(const QString &key)
{
    return key.startsWith(kMetadataPrefix) ? key.mid(kMetadataPrefix.size()).trimmed() : key;
}

qsizetype runeCount(const QString &text)
{
    return text.toUcs4().size();
}

Status validateWindow(qint64 seconds)
{
    if (seconds < kMinWindowSeconds)
        return Error::invalidInputLine(QStringLiteral("window must be at least 1m0s"));
    if (seconds > kMaxWindowSeconds)
        return Error::invalidInputLine(QStringLiteral("window cannot exceed 8784h0m0s"));
    return {};
}

Status validateInterval(qint64 seconds)
{
    if (seconds < 1)
        return Error::invalidInputLine(QStringLiteral("evaluation interval must be at least 1s"));
    if (seconds > kMaxIntervalSeconds)
        return Error::invalidInputLine(QStringLiteral("evaluation interval cannot exceed 24h0m0s"));
    return {};
}

Result<AlertComparator> parseComparator(const QString &raw)
{
    const QString name = raw.trimmed().toLower();
    if (name.isEmpty())
        return AlertComparator::Gte;
    if (const auto comparator = comparatorFromName(name))
        return *comparator;
    return Error::invalidInputLine(QStringLiteral("unsupported comparator %1").arg(query::goQuote(raw)));
}

Status validateSubject(const QString &subject)
{
    if (subject.isEmpty())
        return {};
    return IngestValidator::validateSubject(subject);
}

Status validateThreshold(double threshold)
{
    if (!std::isfinite(threshold))
        return Error::invalidInputLine(QStringLiteral("threshold must be a finite number"));
    return {};
}

} // namespace

Status AlertValidator::validateName(const QString &name)
{
    if (name.isEmpty())
        return Error::invalidInputLine(QStringLiteral("name is required"));
    if (runeCount(name) > kMaxNameLength)
        return Error::invalidInputLine(
            QStringLiteral("name cannot exceed %1 characters").arg(kMaxNameLength));
    return {};
}

Status AlertValidator::validateWebhookUrl(const QString &url)
{
    if (url.isEmpty())
        return Error::invalidInputLine(QStringLiteral("webhook url is required"));
    if (url.size() > kMaxWebhookUrlLength)
        return Error::invalidInputLine(
            QStringLiteral("webhook url cannot exceed %1 characters").arg(kMaxWebhookUrlLength));
    const QUrl parsed(url, QUrl::StrictMode);
    if (!parsed.isValid() || parsed.scheme().isEmpty())
        return Error::invalidInputLine(QStringLiteral("webhook url must be an absolute http or https url"));
    // file:, ftp:, javascript: … are refused before looking for a host: the scheme is the problem.
    const QString scheme = parsed.scheme().toLower();
    if (scheme != QLatin1StringView("http") && scheme != QLatin1StringView("https"))
        return Error::invalidInputLine(QStringLiteral("webhook url must use http or https"));
    if (parsed.host().isEmpty())
        return Error::invalidInputLine(QStringLiteral("webhook url must be an absolute http or https url"));
    return {};
}

Result<AlertDestination> AlertValidator::validateDestination(const AlertDestinationDraft &draft)
{
    AlertDestination d;
    d.name = draft.name.trimmed();
    if (auto s = validateName(d.name); !s)
        return s.error();
    const QString type = draft.type.trimmed().toLower();
    if (!type.isEmpty() && type != QLatin1StringView("webhook"))
        return Error::invalidInputLine(QStringLiteral("unsupported destination type"));
    d.type = QStringLiteral("webhook");
    d.enabled = draft.enabled.value_or(true);
    d.webhookUrl = draft.webhookUrl.trimmed();
    if (auto s = validateWebhookUrl(d.webhookUrl); !s)
        return s.error();
    return d;
}

Result<AlertDestination> AlertValidator::applyDestinationPatch(
    const AlertDestination &current, const AlertDestinationPatch &patch)
{
    AlertDestination d = current;
    if (const QString name = patch.name.trimmed(); !name.isEmpty()) {
        if (auto s = validateName(name); !s)
            return s.error();
        d.name = name;
    }
    if (const QString type = patch.type.trimmed().toLower();
        !type.isEmpty() && type != QLatin1StringView("webhook"))
        return Error::invalidInputLine(QStringLiteral("unsupported destination type"));
    if (patch.enabled)
        d.enabled = *patch.enabled;
    if (patch.webhookUrl) {
        d.webhookUrl = patch.webhookUrl->trimmed();
        if (auto s = validateWebhookUrl(d.webhookUrl); !s)
            return s.error();
    }
    return d;
}

Result<QList<QPair<QString, QString>>> AlertValidator::normalizeMetadata(
    const QList<QPair<QString, QString>> &raw)
{
    QMap<QString, QString> sorted;
    for (const auto &[rawKey, value] : raw) {
        const QString key = stripMetadataPrefix(rawKey.trimmed());
        if (key.isEmpty())
            return Error::invalidInputLine(QStringLiteral("metadata key is required"));
        if (value.trimmed().isEmpty())
            return Error::invalidInputLine(
                QStringLiteral("metadata value for %1 is required").arg(query::goQuote(key)));
        if (!query::isValidMetadataKey(key))
            return Error::invalidInputLine(
                QStringLiteral("unsupported metadata key %1").arg(query::goQuote(key)));
        sorted.insert(key, value);
    }
    if (sorted.size() > kMaxMetadataFilters)
        return Error::invalidInputLine(
            QStringLiteral("metadata supports up to %1 filters").arg(kMaxMetadataFilters));
    QList<QPair<QString, QString>> out;
    for (auto it = sorted.cbegin(); it != sorted.cend(); ++it)
        out.append({it.key(), it.value()});
    return out;
}

Result<QString> AlertValidator::normalizeGroupBy(const QString &raw)
{
    const QString field = stripMetadataPrefix(raw.trimmed());
    if (field.isEmpty() || field == QLatin1StringView("subject"))
        return field;
    if (!query::isValidMetadataKey(field))
        return Error::invalidInputLine(
            QStringLiteral("unsupported group_by field %1").arg(query::goQuote(raw)));
    return field;
}

Result<AlertRule> AlertValidator::validateRule(const AlertRuleDraft &draft)
{
    AlertRule rule;
    rule.name = draft.name.trimmed();
    if (auto s = validateName(rule.name); !s)
        return s.error();
    rule.meter = draft.meter.trimmed();
    rule.enabled = draft.enabled.value_or(true);
    rule.subject = draft.subject.trimmed();
    if (auto s = validateSubject(rule.subject); !s)
        return s.error();
    auto metadata = normalizeMetadata(draft.metadata);
    if (!metadata)
        return metadata.error();
    rule.metadata = metadata.value();
    rule.windowSeconds = draft.windowSeconds <= 0 ? kDefaultWindowSeconds : draft.windowSeconds;
    if (auto s = validateWindow(rule.windowSeconds); !s)
        return s.error();
    auto comparator = parseComparator(draft.comparator);
    if (!comparator)
        return comparator.error();
    rule.comparator = comparator.value();
    if (auto s = validateThreshold(draft.threshold); !s)
        return s.error();
    rule.threshold = draft.threshold;
    rule.evaluationIntervalSeconds
        = draft.evaluationIntervalSeconds <= 0 ? kDefaultIntervalSeconds : draft.evaluationIntervalSeconds;
    if (auto s = validateInterval(rule.evaluationIntervalSeconds); !s)
        return s.error();
    auto groupBy = normalizeGroupBy(draft.groupBy);
    if (!groupBy)
        return groupBy.error();
    rule.groupBy = groupBy.value();
    rule.destinationId = draft.destinationId.trimmed();
    if (rule.destinationId.isEmpty())
        return Error::invalidInputLine(QStringLiteral("alert destination is required"));
    return rule;
}

Result<AlertRule> AlertValidator::applyRulePatch(const AlertRule &current, const AlertRulePatch &patch)
{
    AlertRuleDraft draft;
    draft.name = patch.name.trimmed().isEmpty() ? current.name : patch.name;
    draft.meter = patch.meter.trimmed().isEmpty() ? current.meter : patch.meter;
    draft.comparator
        = patch.comparator.trimmed().isEmpty() ? comparatorName(current.comparator) : patch.comparator;
    draft.windowSeconds = patch.windowSeconds == 0 ? current.windowSeconds : patch.windowSeconds;
    draft.evaluationIntervalSeconds = patch.evaluationIntervalSeconds == 0 ? current.evaluationIntervalSeconds
                                                                           : patch.evaluationIntervalSeconds;
    draft.enabled = patch.enabled.value_or(current.enabled);
    draft.subject = patch.subject.value_or(current.subject);
    draft.metadata = patch.metadata.value_or(current.metadata);
    draft.threshold = patch.threshold.value_or(current.threshold);
    draft.groupBy = patch.groupBy.value_or(current.groupBy);
    draft.destinationId = patch.destinationId.value_or(current.destinationId);
    auto rule = validateRule(draft);
    if (!rule)
        return rule.error();
    rule->id = current.id;
    rule->workspaceId = current.workspaceId;
    rule->createdAtNs = current.createdAtNs;
    rule->nextEvaluateAtNs = current.nextEvaluateAtNs;
    return rule;
}

} // namespace osc::alerts
