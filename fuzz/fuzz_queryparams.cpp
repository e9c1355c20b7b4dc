// Query parameters (engine/wire/QueryRequests): the input is a query string as a client sends it, decoded
// by QUrlQuery exactly as the HTTP adapter does, then read as a bucket query, an event search and a
// dimension-values query (each followed by the engine's preflight where one exists).
#include "FuzzTarget.h"

#include "query/QueryPreflight.h"
#include "wire/QueryRequests.h"

#include <QUrlQuery>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString text = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
    const QUrlQuery query(text);
    (void)osc::wire::limitFromUrl(query);
    (void)osc::wire::bucketQueryFromUrl(query, osc::wire::LimitRule::Clamp);
    (void)osc::wire::bucketQueryFromUrl(query, osc::wire::LimitRule::RefuseAboveMax);
    (void)osc::wire::dimensionValuesQueryFromUrl(query);
    if (auto search = osc::wire::eventSearchFromUrl(query))
        (void)osc::query::QueryPreflight::eventSearchRequest(search.value());
    return 0;
}
