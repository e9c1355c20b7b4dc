#include "ui/common/MeterList.h"

#include "Engine.h"

#include <QSet>

namespace osc::ui {

Result<QList<Meter>> loadAllMeters(Engine &engine, const Principal &owner)
{
    // The page cap only guards against a cursor that never ends.
    constexpr int kMaxPages = 1000;
    QList<Meter> all;
    QString cursor;
    for (int pageNumber = 0; pageNumber < kMaxPages; ++pageNumber) {
        auto page = engine.meters().list(owner, {}, MeterCatalog::kMaxPageSize, cursor);
        if (!page)
            return page.error();
        all += page->items;
        if (!page->nextCursor || page->nextCursor->isEmpty() || *page->nextCursor == cursor)
            break;
        cursor = *page->nextCursor;
    }
    return all;
}

QList<Dimension> dimensionUnion(const QList<Meter> &meters)
{
    QList<Dimension> dimensions;
    QSet<QString> seen;
    for (const Meter &meter : meters)
        for (const Dimension &dimension : meter.dimensions)
            if (!seen.contains(dimension.name)) {
                seen.insert(dimension.name);
                dimensions.append(dimension);
            }
    return dimensions;
}

} // namespace osc::ui
