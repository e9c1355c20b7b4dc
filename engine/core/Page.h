#pragma once

#include <QList>
#include <QString>

#include <optional>

namespace osc {

// One page of a cursor-paged list; `nextCursor` is empty on the last page (contract §1.8).
template <typename T> struct Page
{
    QList<T> items;
    std::optional<QString> nextCursor;
};

// Page-size rules of contract §1.9: a non-positive request means the default, larger ones are clamped.
constexpr int clampLimit(qint64 requested, int defaultLimit, int maxLimit)
{
    if (requested <= 0)
        return defaultLimit;
    return requested > maxLimit ? maxLimit : int(requested);
}

} // namespace osc
