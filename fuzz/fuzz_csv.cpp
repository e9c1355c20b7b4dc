// The CSV writer (engine/format/CsvWriter), with and without the formula guard. Invariants: reading the
// field back with RFC 4180 rules gives the input (plus the guard's `'`), and a guarded field never starts
// like a formula.
#include "FuzzTarget.h"

#include "format/CsvWriter.h"

namespace {

// One RFC 4180 field: quoted fields drop their quotes and undouble `""`.
QByteArray readField(const QByteArray &encoded)
{
    if (!encoded.startsWith('"'))
        return encoded;
    OSC_FUZZ_ASSERT(encoded.size() >= 2 && encoded.endsWith('"'));
    QByteArray out;
    for (qsizetype i = 1; i < encoded.size() - 1; ++i) {
        out += encoded[i];
        if (encoded[i] == '"') {
            OSC_FUZZ_ASSERT(encoded[i + 1] == '"');
            ++i;
        }
    }
    return out;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray utf8(reinterpret_cast<const char *>(data), qsizetype(size));
    const QString text = QString::fromUtf8(utf8);
    const QByteArray valid = text.toUtf8(); // invalid bytes became U+FFFD, as stored text never has them
    for (const bool guard : {false, true}) {
        QByteArray fromString;
        osc::csv::appendGuardedField(fromString, QStringView(text), guard);
        QByteArray fromBytes;
        osc::csv::appendGuardedField(fromBytes, QByteArrayView(valid), guard);
        OSC_FUZZ_ASSERT(fromString == fromBytes);
        const QByteArray decoded = readField(fromString);
        const bool guarded = guard && osc::csv::startsLikeFormula(QStringView(text));
        OSC_FUZZ_ASSERT(decoded == (guarded ? "'" + valid : valid));
        if (guard)
            OSC_FUZZ_ASSERT(!osc::csv::startsLikeFormula(QByteArrayView(decoded)));
    }
    (void)osc::csv::formatQuantity(size ? double(data[0]) / (1 + size) : 0.0);
    return 0;
}
