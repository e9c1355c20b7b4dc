#pragma once

#include <QByteArray>
#include <QString>

class QIODevice;

namespace osc {

// Where a writer's rows go: appended to a byte array (direct exports, lists, the slices of a job), or
// buffered and written to a device in batches (job files: memory stays flat whatever the size). The
// format writers append to out() and call rowWritten() after each row.
class ExportSink
{
public:
    static constexpr qsizetype kFlushThreshold = 256 * 1024;

    explicit ExportSink(QByteArray *target);
    explicit ExportSink(QIODevice *device);
    ExportSink(const ExportSink &) = delete;
    ExportSink &operator=(const ExportSink &) = delete;

    QByteArray &out() { return *m_out; }
    // Counts `rows` finished rows; in device mode writes the buffer once it holds kFlushThreshold bytes.
    void rowWritten(qint64 rows = 1)
    {
        m_rows += rows;
        if (m_device && m_buffer.size() >= kFlushThreshold)
            flush();
    }
    // Writes what is buffered. False once any device write failed.
    bool flush();

    bool hasError() const { return m_error; }
    // The device's error text, taken when the first write failed.
    QString errorString() const { return m_errorString; }
    qint64 rowsWritten() const { return m_rows; }
    // Bytes handed to the target so far (including buffered ones).
    qint64 bytesWritten() const { return m_flushedBytes + m_out->size(); }

private:
    QByteArray m_buffer; // device mode
    QByteArray *m_out = nullptr;
    QIODevice *m_device = nullptr;
    qint64 m_flushedBytes = 0;
    qint64 m_rows = 0;
    bool m_error = false;
    QString m_errorString;
};

} // namespace osc
