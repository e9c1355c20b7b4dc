#pragma once

#include "core/Result.h"
#include "model/Alert.h"

#include <QByteArray>
#include <QJsonObject>

#include <optional>

namespace osc::wire {

// Request bodies of contract §9 (JSON type errors → `invalid_json`; the rules are the engine's).
Result<AlertDestinationDraft> destinationDraftFromJson(const QJsonObject &body);
Result<AlertDestinationPatch> destinationPatchFromJson(const QJsonObject &body);
Result<AlertRuleDraft> ruleDraftFromJson(const QJsonObject &body);
Result<AlertRulePatch> rulePatchFromJson(const QJsonObject &body);

// Response shapes of §9.1–§9.2. The secret only where `withSecret` (create and rotate).
QJsonObject destinationJson(const AlertDestination &destination, bool withSecret = false);
QJsonObject stateJson(const AlertState &state);
// `states` in §9.2 order; `state` is their first.
QJsonObject ruleJson(const AlertRule &rule, const std::optional<AlertDestination> &destination,
    const QList<AlertState> &states);
QJsonObject attemptJson(const WebhookAttempt &attempt);
QJsonObject eventJson(const AlertEvent &event);

// The webhook body of §9.3: `{"event":{…},"rule":{…},"state":{…}}`, compact.
QByteArray webhookPayload(
    const AlertEvent &event, const AlertRule &rule, const QString &destinationName, const AlertState &state);

} // namespace osc::wire
