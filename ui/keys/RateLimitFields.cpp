#include "ui/keys/RateLimitFields.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QSpinBox>

namespace osc::ui {

RateLimitFields::RateLimitFields(QWidget *parent)
    : QWidget(parent)
{
    m_perMinute = new QSpinBox(this);
    m_perMinute->setObjectName(QStringLiteral("keyRatePerMinute"));
    m_perMinute->setRange(0, kMaxRateLimitPerMinute);
    m_perMinute->setSpecialValueText(tr("Unlimited"));
    m_perMinute->setSuffix(tr(" per minute"));
    m_perMinute->setAccelerated(true);

    m_burst = new QSpinBox(this);
    m_burst->setObjectName(QStringLiteral("keyRateBurst"));
    m_burst->setRange(0, kMaxRateLimitBurst);
    m_burst->setSpecialValueText(tr("Same as rate"));
    m_burst->setAccelerated(true);
    m_burst->setToolTip(tr("Requests the key may make at once before the per-minute rate applies."));
    // A burst means nothing without a rate.
    m_burst->setEnabled(false);
    connect(
        m_perMinute, &QSpinBox::valueChanged, this, [this](int value) { m_burst->setEnabled(value > 0); });

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_perMinute, 1);
    layout->addWidget(new QLabel(tr("Burst:"), this));
    layout->addWidget(m_burst, 1);
}

RateLimit RateLimitFields::value() const
{
    if (m_perMinute->value() == 0)
        return {};
    return {m_perMinute->value(), m_burst->value()};
}

void RateLimitFields::setValue(const RateLimit &limit)
{
    m_perMinute->setValue(limit.perMinute);
    m_burst->setValue(limit.burst);
}

} // namespace osc::ui
