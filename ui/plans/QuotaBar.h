#pragma once

#include "model/Plan.h"

#include <QWidget>

namespace osc::ui {

// One limit's use as a bar: the filled part is used / limit (capped at the track), coloured by state,
// with a thin marker line at the warning percent so the user sees how close the warning is.
class QuotaBar : public QWidget
{
    Q_OBJECT

public:
    explicit QuotaBar(QWidget *parent = nullptr);

    void setValues(double used, double limit, double warningPercent, osc::QuotaState state);
    double used() const { return m_used; }
    double limit() const { return m_limit; }
    double warningPercent() const { return m_warningPercent; }
    osc::QuotaState state() const { return m_state; }
    // The filled fraction of the track, 0…1.
    double fraction() const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    double m_used = 0;
    double m_limit = 0;
    double m_warningPercent = 0;
    osc::QuotaState m_state = osc::QuotaState::Ok;
};

} // namespace osc::ui
