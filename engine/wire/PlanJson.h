#pragma once

#include "core/Result.h"
#include "model/Plan.h"
#include "plans/Entitlements.h"
#include "plans/PlanCatalog.h"

#include <QJsonArray>
#include <QJsonObject>

namespace osc::wire {

// JSON of contract §10. Times are RFC 3339 with second precision; omitempty keys are left out.
QJsonObject planToJson(const Plan &plan);
QJsonObject assignmentToJson(const PlanAssignment &assignment, qint64 nowNs); // status computed at nowNs
QJsonObject progressToJson(const SubjectProgress &progress);
QJsonObject decisionToJson(const EntitlementDecision &decision);
QJsonObject previewToJson(const PlanPreview &preview);
QJsonObject entitlementStateToJson(const EntitlementState &state);
QJsonObject entitlementEventToJson(const EntitlementEvent &event);
QJsonObject periodSnapshotToJson(const PeriodSnapshot &snapshot);

// Request decoding: a value of the wrong JSON type is `invalid_json` (§1.2); the domain rules are the
// engine's.
Result<PlanDraft> planDraftFromJson(const QJsonObject &object);
struct AssignmentRequest
{
    QString planId;
    QString effectiveAt;
};
Result<AssignmentRequest> assignmentRequestFromJson(const QJsonObject &object);
Result<EntitlementCheckRequest> checkRequestFromJson(const QJsonObject &object);

} // namespace osc::wire
