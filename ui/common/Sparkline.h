#pragma once

#include <QList>
#include <QWidget>

namespace osc::ui {

// A small line chart of the latest samples (oldest left), painted from the palette so it follows the
// theme. Used for per-second rates, where a full QChart would be heavy and its axes noise.
class Sparkline : public QWidget
{
    Q_OBJECT

public:
    explicit Sparkline(int capacity, QWidget *parent = nullptr);

    // Appends one sample, dropping the oldest beyond capacity.
    void addSample(double value);
    void clear();
    const QList<double> &samples() const { return m_samples; }
    int capacity() const { return m_capacity; }
    void setColor(const QColor &color);

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    int m_capacity;
    QList<double> m_samples;
    QColor m_color;
};

} // namespace osc::ui
