#pragma once

#include "core/Result.h"

#include <QString>

#include <optional>

namespace osc::wire {

// Contract §1.8: base64url without padding of a compact JSON object with optional `name`, `time`
// (RFC 3339 with nanoseconds) and `id`. An empty cursor is the first page.
struct Cursor
{
    std::optional<QString> name;
    std::optional<qint64> timeNs;
    std::optional<QString> id;

    bool isEmpty() const { return !name && !timeNs && !id; }
};

QString encodeCursor(const Cursor &cursor);
// Undecodable → 400 `invalid_input` / `invalid input`.
Result<Cursor> decodeCursor(const QString &text);

} // namespace osc::wire
