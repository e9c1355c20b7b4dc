#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>
#include <QStringView>

namespace osc::csv {

// CSV fields exactly as Go's encoding/csv writes them with the default settings (contract §7.1):
// comma separator, `\n` after each record, a field quoted only when it is `\.`, contains `,` `"`
// `\r` or `\n`, or starts with a Unicode space (unicode.IsSpace: space, tab, NBSP, …). Inside
// quotes `"` is doubled and everything else, `\r\n` included, is written unchanged. Output is UTF-8;
// a lone surrogate becomes U+FFFD, as Go's JSON decoder would have made it (QString::toUtf8 in Qt 6.4
// writes '?' instead). The record layouts of §7.1/§7.2 are CsvRowWriter's.
bool fieldNeedsQuotes(QStringView field);
bool fieldNeedsQuotes(QByteArrayView utf8Field);
QByteArray csvField(QStringView field);
// Appends one encoded field (no separator).
void appendField(QByteArray &out, QStringView field);
void appendField(QByteArray &out, QByteArrayView utf8Field);

// OWASP's CSV-injection rule: a cell that starts with `=`, `+`, `-`, `@`, tab or CR is a formula to
// Excel, LibreOffice and Google Sheets. With the guard on, such a cell gets a leading `'` (the
// spreadsheet shows the text and drops the quote mark), then the usual quoting. Off by default: the
// upstream bytes are the contract.
bool startsLikeFormula(QStringView field);
bool startsLikeFormula(QByteArrayView utf8Field);
void appendGuardedField(QByteArray &out, QStringView field, bool formulaGuard);
void appendGuardedField(QByteArray &out, QByteArrayView utf8Field, bool formulaGuard);

// Go's strconv.FormatFloat(v, 'f', -1, 64): the shortest digits that round-trip, laid out in plain
// decimal, never an exponent (`11`, `0.5`, `0.000023148148148148147`, 1e23 →
// `100000000000000000000000`, -0 → `-0`, NaN → `NaN`, ±Inf → `+Inf`/`-Inf`).
QString formatQuantity(double value);
// Longest output is under 350 bytes: "-0." + at most 323 zeros + at most 17 digits (subnormals), or
// 309 integer digits (DBL_MAX).
constexpr int kQuantityBufferSize = 384;
// Writes into `out` (kQuantityBufferSize bytes) and returns the length; for hot paths.
int formatQuantity(double value, char *out);

} // namespace osc::csv
