#pragma once

#include "core/TimeNs.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>

#include <optional>

namespace osc {

// An immutable usage fact as stored. `metadata` is the compact JSON object with keys sorted (the form
// upstream's Go map encoding produces), so responses and CSV exports can emit it verbatim.
struct UsageEvent
{
    QString id;
    std::optional<QString> idempotencyKey;
    QString subject;
    QString meter;
    double quantity = 0;
    TimeNs eventTimeNs;
    TimeNs receivedAtNs; // a clock reading, so always within qint64
    QByteArray metadata = "{}";
    QString apiKeyId; // who wrote it; stored, never serialized
    // Rollup key, set at validation and never stored with the event: the metadata restricted to the
    // meter's dimensions (rollup::projectDimensions) and the dimension signature it was made for.
    QByteArray dimensions = "{}";
    QByteArray dimensionSignature;
};

// A create request as decoded from JSON, before validation (contract §5.2).
struct UsageDraft
{
    QString idempotencyKey;
    QString subject;
    QString meter;
    std::optional<double> quantity;
    QString timestamp; // RFC 3339; empty = now
    QJsonObject metadata;
};

// Contract §5.4 failed_items entry.
struct IngestFailure
{
    int index = 0;
    QString code;
    QString message;
};

struct BulkResult
{
    QList<UsageEvent> accepted;
    QList<UsageEvent> duplicates;
    QList<IngestFailure> failed;
};

// Contract §5.5 item.
struct IngestionRun
{
    QString id;
    QString kind; // single | bulk | stream
    qint64 accepted = 0;
    qint64 duplicates = 0;
    qint64 failed = 0;
    qint64 createdAtNs = 0;
};

// Limits of contract §1.9 / §5.
constexpr int kMaxBulkItems = 1000;
constexpr int kMaxSubjectBytes = 128;

} // namespace osc
