#include "store/sqlite/MetadataGroupMemo.h"

#include "store/UsageScans.h"

#include <QVarLengthArray>

#include <sqlite3.h>

namespace osc::sqlite {

namespace {

// Metadata unique to each event (request ids) would cost a full memo of renderings, each a statement
// run of its own, before the memo gives up; so it gives up early once a sixteenth of the limit of
// texts has come with fewer than one hit per eight texts. Texts that recur pass that trial easily.
constexpr qsizetype kTrialFraction = 16;
constexpr qsizetype kTrialHitRatio = 8;
// Metadata has no size cap of its own: a memo of long texts counts as full once its texts average
// this many bytes (32 MiB at the default limit), so memory stays bounded whatever their length.
constexpr qsizetype kAverageTextBytes = 512;

} // namespace

MetadataGroupMemo::MetadataGroupMemo(qsizetype limit)
    : m_limit(limit)
{ }

Status MetadataGroupMemo::prepare(
    sqlite3 *db, const SqlFragment &filter, const QByteArray &dimensionSql, int dimensionColumns)
{
    // Column 0 tells whether the row passes (a NULL filter rejects it, as in a WHERE clause); the
    // metadata parameter comes after the filter's in the text, so it takes the next number.
    const QByteArray passes
        = filter.sql.isEmpty() ? QByteArray("1") : "CASE WHEN " + filter.sql + " THEN 1 ELSE 0 END";
    m_metadataBind = int(filter.binds.size()) + 1;
    m_dimensionColumns = dimensionColumns;
    return m_projection.prepare(
        db, "SELECT " + passes + dimensionSql + " FROM (SELECT ? AS metadata)", filter.binds);
}

Result<qsizetype> MetadataGroupMemo::dimensionsOf(const SqliteScan &scan, int column, BucketFold &groups)
{
    if (scan.type(column) != SQLITE_TEXT)
        return evaluate(scan, column, groups); // not a text: no bytes to key on (never seen in practice)
    const QByteArrayView text = scan.bytes(column);
    if (const auto known = m_ids.find(text)) {
        ++m_hits;
        return *known;
    }
    if (hopeless() || (full() && !makeRoom())) {
        m_gaveUp = true;
        return kGiveUp;
    }
    auto dimensions = evaluate(scan, column, groups);
    if (dimensions)
        m_ids.insert(text, qint32(dimensions.value()));
    return dimensions;
}

bool MetadataGroupMemo::full() const
{
    return m_ids.size() >= m_limit || m_ids.keyBytes() >= m_limit * kAverageTextBytes;
}

bool MetadataGroupMemo::hopeless() const
{
    const qsizetype trial = m_limit / kTrialFraction;
    return trial > 0 && m_ids.size() >= trial && m_hits * kTrialHitRatio < m_ids.size();
}

bool MetadataGroupMemo::makeRoom()
{
    if (m_hits < m_ids.size())
        return false;
    m_ids.clear();
    m_hits = 0;
    ++m_evictions;
    return true;
}

Result<qsizetype> MetadataGroupMemo::evaluate(const SqliteScan &scan, int column, BucketFold &groups)
{
    ++m_evaluated;
    // The column's own value is bound, type and bytes, exactly what the scan's expressions would read.
    if (auto s = m_projection.rerun(m_metadataBind, scan.value(column)); !s)
        return s.error();
    if (!m_projection.next()) {
        if (auto s = m_projection.status(); !s)
            return s.error();
        return Error::internal(QStringLiteral("metadata group values: no row"));
    }
    if (m_projection.int64(0) != 1)
        return kFilteredOut;
    QVarLengthArray<QByteArrayView, 8> values;
    for (int c = 1; c <= m_dimensionColumns; ++c)
        values.append(m_projection.bytes(c));
    return groups.dimensionsId(values);
}

} // namespace osc::sqlite
