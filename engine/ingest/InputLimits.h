#pragma once

#include "core/Result.h"

#include <QJsonObject>
#include <QString>

namespace osc {

// Size limits on what a client may store (issue 21), beyond the contract's own (subject ≤ 128 bytes,
// 1000 bulk items, nesting depth 32). Upstream has none of these, so the defaults are generous: every
// example of the contract, the seeds and the SDK docs fits with room to spare, while a 1 MB name, key
// or value and 10,000 metadata keys are refused. Each is a setting (OPEN_SPANNER_MAX_*, README).
// Lengths are UTF-8 bytes, as stored.
inline constexpr int kDefaultMaxMeterNameBytes = 256;
inline constexpr int kDefaultMaxIdempotencyKeyBytes = 512; // Stripe allows 255; UUIDs and hashes fit
inline constexpr int kDefaultMaxMetadataKeys = 256; // every key at every nesting level of one event
inline constexpr int kDefaultMaxMetadataKeyBytes = 256;
inline constexpr int kDefaultMaxMetadataValueBytes = 16 * 1024; // one string value
inline constexpr int kDefaultMaxMetadataBytes = 64 * 1024; // the metadata object as compact JSON

struct InputLimits
{
    int maxMeterNameBytes = kDefaultMaxMeterNameBytes;
    int maxIdempotencyKeyBytes = kDefaultMaxIdempotencyKeyBytes;
    int maxMetadataKeys = kDefaultMaxMetadataKeys;
    int maxMetadataKeyBytes = kDefaultMaxMetadataKeyBytes;
    int maxMetadataValueBytes = kDefaultMaxMetadataValueBytes;
    int maxMetadataBytes = kDefaultMaxMetadataBytes;

    // `invalid input: meter name cannot exceed N bytes` / `… must not contain control characters`.
    Status checkMeterName(const QString &name) const;
    // `invalid input: idempotency key cannot exceed N bytes`, for event keys and bulk batch keys.
    Status checkIdempotencyKey(const QString &key) const;
    // Key count, key length and string value length at every level.
    Status checkMetadata(const QJsonObject &metadata) const;
    // The metadata as stored (compact JSON).
    Status checkMetadataBytes(qsizetype encodedBytes) const;
};

// C0 controls (NUL, TAB, CR, LF…), DEL and the C1 range: refused in names, where they only ever come
// from a bug or an attack (a CR/LF in a meter name splits log lines and CSV rows).
bool containsControlCharacter(const QString &text);

} // namespace osc
