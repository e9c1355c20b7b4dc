#include "ExportSink.h"

#include <QIODevice>

namespace osc {

ExportSink::ExportSink(QByteArray *target)
    : m_out(target)
{ }

ExportSink::ExportSink(QIODevice *device)
    : m_out(&m_buffer)
    , m_device(device)
{
    m_buffer.reserve(kFlushThreshold + 64 * 1024);
}

bool ExportSink::flush()
{
    if (!m_device)
        return true;
    if (!m_error && !m_buffer.isEmpty()) {
        if (m_device->write(m_buffer) != m_buffer.size()) {
            m_error = true;
            m_errorString = m_device->errorString();
        } else {
            m_flushedBytes += m_buffer.size();
        }
    }
    m_buffer.resize(0); // keeps the capacity; after an error the bytes are dropped (memory stays flat)
    return !m_error;
}

} // namespace osc
