#pragma once

#include "core/Result.h"
#include "model/Alert.h"

namespace osc::alerts {

// Limits of contract §9.1–§9.2 and ours, named so tests can reach them.
inline constexpr int kMaxNameLength = 120; // runes (§1.9)
inline constexpr int kMaxWebhookUrlLength = 2048; // ours: a URL longer than browsers accept is a mistake
inline constexpr qint64 kDefaultWindowSeconds = 3600;
inline constexpr qint64 kMinWindowSeconds = 60;
inline constexpr qint64 kMaxWindowSeconds = 31'622'400; // 366 days
inline constexpr qint64 kDefaultIntervalSeconds = 60;
inline constexpr qint64 kMaxIntervalSeconds = 86'400;
inline constexpr int kMaxMetadataFilters = 20; // ours: equality filters per rule

// Validation of destinations and rules (messages of §9, "invalid input\n<detail>" form). Existence
// checks (meter, destination) are the service's: they need the store.
class AlertValidator
{
public:
    static Status validateName(const QString &name);
    // Absolute http(s) URL of at most kMaxWebhookUrlLength characters.
    static Status validateWebhookUrl(const QString &url);
    static Result<AlertDestination> validateDestination(const AlertDestinationDraft &draft);
    static Result<AlertDestination> applyDestinationPatch(
        const AlertDestination &current, const AlertDestinationPatch &patch);

    // Keys trimmed, `metadata.` prefix stripped; empty key or value, or a key outside the metadata-key
    // grammar, is refused. Sorted by key, a repeated key keeps the last value (a JSON object's).
    static Result<QList<QPair<QString, QString>>> normalizeMetadata(
        const QList<QPair<QString, QString>> &raw);
    // `subject`, or a metadata path (`metadata.` stripped); "" stays ungrouped.
    static Result<QString> normalizeGroupBy(const QString &raw);
    // Everything but meter/destination existence; fills defaults.
    static Result<AlertRule> validateRule(const AlertRuleDraft &draft);
    static Result<AlertRule> applyRulePatch(const AlertRule &current, const AlertRulePatch &patch);
};

} // namespace osc::alerts
