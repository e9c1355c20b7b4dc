#include "ui/common/Sparkline.h"

#include <QPainter>
#include <QPainterPath>

#include <algorithm>

namespace osc::ui {

Sparkline::Sparkline(int capacity, QWidget *parent)
    : QWidget(parent)
    , m_capacity(qMax(2, capacity))
    , m_color(0x20, 0x9f, 0xdf)
{
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
}

void Sparkline::addSample(double value)
{
    m_samples.append(qMax(0.0, value));
    while (m_samples.size() > m_capacity)
        m_samples.removeFirst();
    update();
}

void Sparkline::clear()
{
    m_samples.clear();
    update();
}

void Sparkline::setColor(const QColor &color)
{
    m_color = color;
    update();
}

QSize Sparkline::sizeHint() const
{
    return {240, 36};
}

QSize Sparkline::minimumSizeHint() const
{
    return {90, 28};
}

void Sparkline::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const QRectF area = QRectF(rect()).adjusted(1.5, 3.5, -1.5, -1.5);
    QColor frame = palette().color(QPalette::Text);
    frame.setAlphaF(0.15);
    painter.setPen(QPen(frame, 1.0));
    painter.setBrush(palette().color(QPalette::Base));
    painter.drawRoundedRect(QRectF(rect()).adjusted(0.5, 0.5, -0.5, -0.5), 3, 3);
    if (m_samples.isEmpty())
        return;

    // Time runs right to left from "now": a fresh widget fills in from the right edge, like a scrolling
    // monitor, instead of stretching its first few samples across the full width.
    const double top = std::max(1.0, *std::max_element(m_samples.cbegin(), m_samples.cend()));
    const double step = area.width() / double(m_capacity - 1);
    QPainterPath line;
    for (qsizetype i = 0; i < m_samples.size(); ++i) {
        const double x = area.right() - double(m_samples.size() - 1 - i) * step;
        const double y = area.bottom() - m_samples[i] / top * area.height();
        if (i == 0)
            line.moveTo(x, y);
        else
            line.lineTo(x, y);
    }
    QPainterPath fill = line;
    fill.lineTo(area.right(), area.bottom());
    fill.lineTo(area.right() - double(m_samples.size() - 1) * step, area.bottom());
    fill.closeSubpath();
    QColor fillColor = m_color;
    fillColor.setAlphaF(0.18);
    painter.fillPath(fill, fillColor);
    painter.setPen(QPen(m_color, 1.6));
    painter.setBrush(Qt::NoBrush);
    painter.drawPath(line);
}

} // namespace osc::ui
