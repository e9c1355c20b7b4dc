#include "ui/plans/QuotaBar.h"

#include "ui/plans/QuotaText.h"

#include <QPainter>
#include <QPainterPath>

#include <algorithm>

namespace osc::ui {

QuotaBar::QuotaBar(QWidget *parent)
    : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
}

void QuotaBar::setValues(double used, double limit, double warningPercent, QuotaState state)
{
    m_used = used;
    m_limit = limit;
    m_warningPercent = warningPercent;
    m_state = state;
    update();
}

double QuotaBar::fraction() const
{
    return m_limit > 0 ? std::clamp(m_used / m_limit, 0.0, 1.0) : 0.0;
}

QSize QuotaBar::sizeHint() const
{
    return {240, 14};
}

QSize QuotaBar::minimumSizeHint() const
{
    return {60, 14};
}

void QuotaBar::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    // The marker pokes out above and below the track, so the track is inset by 2 px.
    const QRectF track = QRectF(rect()).adjusted(0.5, 2.5, -0.5, -2.5);
    const qreal radius = track.height() / 2;
    QPainterPath trackPath;
    trackPath.addRoundedRect(track, radius, radius);

    const QPalette &pal = palette();
    // Mixed from the window's own colours, so the empty track shows on light and dark alike.
    const auto mix = [&](qreal amount) {
        const QColor a = pal.color(QPalette::Window);
        const QColor b = pal.color(QPalette::WindowText);
        return QColor::fromRgbF(a.redF() + (b.redF() - a.redF()) * amount,
            a.greenF() + (b.greenF() - a.greenF()) * amount, a.blueF() + (b.blueF() - a.blueF()) * amount);
    };
    painter.fillPath(trackPath, mix(0.12));

    const double filled = fraction();
    if (filled > 0) {
        // Clip to the track so a small fill still has the track's rounded start.
        painter.save();
        painter.setClipPath(trackPath);
        QRectF fill = track;
        fill.setWidth(std::max(track.width() * filled, 2.0));
        painter.fillRect(fill, quotaStateColor(m_state));
        painter.restore();
    }
    painter.setPen(QPen(mix(0.35), 1));
    painter.drawPath(trackPath);

    if (m_limit > 0 && m_warningPercent > 0 && m_warningPercent < 100) {
        const qreal x = track.left() + track.width() * m_warningPercent / 100.0;
        painter.setRenderHint(QPainter::Antialiasing, false);
        painter.setPen(QPen(pal.color(QPalette::WindowText), 2));
        painter.drawLine(QPointF(x, 0), QPointF(x, height()));
    }
}

} // namespace osc::ui
