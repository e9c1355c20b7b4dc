#pragma once

#include "core/ByteKeyIndex.h"
#include "core/Result.h"
#include "store/sqlite/SqliteFilterSql.h"
#include "store/sqlite/SqliteScan.h"

#include <QByteArray>

struct sqlite3;

namespace osc {
class BucketFold;
}

namespace osc::sqlite {

// The dimension group values of raw events, and whether they pass filters that read metadata only,
// computed once per distinct metadata text instead of once per event: SQLite evaluates the very
// expressions the scan would use (over the text bound as a parameter), so a memoized answer cannot
// differ from one of the scan.
//
// When the memo is full it is either cleared (most lookups were hits: the texts recur, only their
// set drifted) or given up (most were misses: the scan should render the values in SQL itself). It
// gives up early on texts that hardly ever repeat.
class MetadataGroupMemo
{
public:
    // `limit` distinct texts at most (kMetadataMemoLimit), and 512 bytes of them on average;
    // callers do not memoize at all with 0.
    explicit MetadataGroupMemo(qsizetype limit);

    // `filter`: a boolean expression over a `metadata` column (empty: none); `dimensionSql`:
    // ", <group value>, …" over it, one per dimension column of the group table, in its order.
    Status prepare(
        sqlite3 *db, const SqlFragment &filter, const QByteArray &dimensionSql, int dimensionColumns);
    // The BucketFold::dimensionsId of the metadata in `column` of the scan's current row,
    // kFilteredOut, or kGiveUp.
    Result<qsizetype> dimensionsOf(const SqliteScan &scan, int column, BucketFold &groups);
    static constexpr qsizetype kGiveUp = -1;
    static constexpr qsizetype kFilteredOut = -2;

    // Diagnostics for tests: texts rendered by SQLite so far, times the memo was cleared, given up.
    qint64 evaluated() const { return m_evaluated; }
    qint64 evictions() const { return m_evictions; }
    bool gaveUp() const { return m_gaveUp; }

private:
    Result<qsizetype> evaluate(const SqliteScan &scan, int column, BucketFold &groups);
    // `m_limit` texts, or their bytes past an average of kAverageTextBytes.
    bool full() const;
    // On a miss: texts so far hardly repeat (see kTrialFraction).
    bool hopeless() const;
    // On a miss with a full memo: false to give up, true after clearing it.
    bool makeRoom();

    qsizetype m_limit;
    ByteKeyIndex m_ids; // metadata text → dimensions id or kFilteredOut
    qint64 m_hits = 0; // since the memo was last cleared
    qint64 m_evaluated = 0;
    qint64 m_evictions = 0;
    bool m_gaveUp = false;
    SqliteScan m_projection;
    int m_metadataBind = 0; // the projection's parameter taking the metadata
    int m_dimensionColumns = 0;
};

} // namespace osc::sqlite
