#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>
#include <QStringView>

#include <initializer_list>

class QIODevice;

namespace osc::csv {

// CSV bytes exactly as Go's encoding/csv writes them with the default settings (contract §7.1):
// comma separator, `\n` after each record, a field quoted only when it is `\.`, contains `,` `"`
// `\r` or `\n`, or starts with a Unicode space (unicode.IsSpace: space, tab, NBSP, …). Inside
// quotes `"` is doubled and everything else, `\r\n` included, is written unchanged. Output is UTF-8;
// a lone surrogate becomes U+FFFD, as Go's JSON decoder would have made it (QString::toUtf8 in Qt 6.4
// writes '?' instead).
bool fieldNeedsQuotes(QStringView field);
bool fieldNeedsQuotes(QByteArrayView utf8Field);
QByteArray csvField(QStringView field);
// Appends one encoded field (no separator).
void appendField(QByteArray &out, QStringView field);
void appendField(QByteArray &out, QByteArrayView utf8Field);

// Go's strconv.FormatFloat(v, 'f', -1, 64): the shortest digits that round-trip, laid out in plain
// decimal, never an exponent (`11`, `0.5`, `0.000023148148148148147`, 1e23 →
// `100000000000000000000000`, -0 → `-0`, NaN → `NaN`, ±Inf → `+Inf`/`-Inf`).
QString formatQuantity(double value);
// Longest output is under 350 bytes: "-0." + at most 323 zeros + at most 17 digits (subnormals), or
// 309 integer digits (DBL_MAX).
constexpr int kQuantityBufferSize = 384;
// Writes into `out` (kQuantityBufferSize bytes) and returns the length; for hot paths.
int formatQuantity(double value, char *out);

// Writes records to a QByteArray (appending) or buffered to a QIODevice. Fields are encoded straight
// into one growing buffer, so a row costs no allocations beyond the buffer's amortised growth.
class CsvWriter
{
public:
    explicit CsvWriter(QByteArray *target);
    // Buffers up to kFlushThreshold bytes between writes to the device.
    explicit CsvWriter(QIODevice *device);
    ~CsvWriter(); // flushes to the device
    CsvWriter(const CsvWriter &) = delete;
    CsvWriter &operator=(const CsvWriter &) = delete;

    static constexpr qsizetype kFlushThreshold = 64 * 1024;

    void writeRow(const QList<QString> &fields);
    void writeRow(std::initializer_list<QStringView> fields);

    // Field-by-field form for rows assembled from typed values; endRow() terminates the record.
    CsvWriter &field(QStringView text);
    CsvWriter &utf8Field(QByteArrayView utf8);
    CsvWriter &quantityField(double value);
    // RFC 3339 UTC, second precision (contract §1.4); never needs quoting.
    CsvWriter &timestampField(qint64 ns);
    void endRow();

    // Device mode: writes the buffered bytes. False once any device write has failed.
    bool flush();
    bool hasError() const { return m_error; }
    qint64 rowsWritten() const { return m_rows; }

private:
    void beginField();

    QByteArray m_buffer; // device mode
    QByteArray *m_out = nullptr;
    QIODevice *m_device = nullptr;
    bool m_rowHasFields = false;
    bool m_error = false;
    qint64 m_rows = 0;
};

} // namespace osc::csv
