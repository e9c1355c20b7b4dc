#pragma once

#include "model/ApiKey.h"

#include <QWidget>

class QSpinBox;

namespace osc::ui {

// The two numbers of a key's token bucket: requests per minute (0 shows "Unlimited") and the burst
// (0 shows "Same as rate"). Used by the create dialog and the rate-limit dialog.
class RateLimitFields : public QWidget
{
    Q_OBJECT

public:
    explicit RateLimitFields(QWidget *parent = nullptr);

    osc::RateLimit value() const;
    void setValue(const osc::RateLimit &limit);
    QSpinBox *perMinuteBox() const { return m_perMinute; }
    QSpinBox *burstBox() const { return m_burst; }

private:
    QSpinBox *m_perMinute = nullptr;
    QSpinBox *m_burst = nullptr;
};

} // namespace osc::ui
