#include "ui/alerts/DurationEdit.h"

#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QSpinBox>

#include <algorithm>
#include <array>

namespace osc::ui {

namespace {

constexpr std::array<qint64, 4> kUnitSeconds{1, 60, 3600, 86'400};

} // namespace

DurationEdit::DurationEdit(QWidget *parent)
    : QWidget(parent)
{
    m_amount = new QSpinBox(this);
    m_amount->setRange(1, 999'999);
    m_amount->setObjectName(QStringLiteral("durationAmount"));
    m_unit = new QComboBox(this);
    m_unit->setObjectName(QStringLiteral("durationUnit"));
    for (qint64 unit : kUnitSeconds)
        m_unit->addItem(QString(), unit);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_amount);
    layout->addWidget(m_unit);
    layout->addStretch(1);
    retranslateUi();
    connect(m_amount, &QSpinBox::valueChanged, this, [this] { Q_EMIT secondsChanged(seconds()); });
    connect(m_unit, &QComboBox::currentIndexChanged, this, [this] { Q_EMIT secondsChanged(seconds()); });
}

void DurationEdit::setSeconds(qint64 seconds)
{
    int unit = 0;
    for (int i = int(kUnitSeconds.size()) - 1; i >= 0; --i)
        if (seconds >= kUnitSeconds[i] && seconds % kUnitSeconds[i] == 0) {
            unit = i;
            break;
        }
    const QSignalBlocker amountBlocker(m_amount);
    const QSignalBlocker unitBlocker(m_unit);
    m_unit->setCurrentIndex(unit);
    m_amount->setValue(int(std::clamp<qint64>(seconds / kUnitSeconds[unit], 1, m_amount->maximum())));
    Q_EMIT secondsChanged(this->seconds());
}

qint64 DurationEdit::seconds() const
{
    return qint64(m_amount->value()) * m_unit->currentData().toLongLong();
}

void DurationEdit::retranslateUi()
{
    m_unit->setItemText(0, tr("seconds"));
    m_unit->setItemText(1, tr("minutes"));
    m_unit->setItemText(2, tr("hours"));
    m_unit->setItemText(3, tr("days"));
}

void DurationEdit::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
}

} // namespace osc::ui
