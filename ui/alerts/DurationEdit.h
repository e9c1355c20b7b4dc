#pragma once

#include <QWidget>

class QComboBox;
class QSpinBox;

namespace osc::ui {

// A number of seconds typed as an amount and a unit (seconds, minutes, hours, days): an alert rule's
// window and evaluation interval. Ranges are the engine's to check; this only keeps the amount positive.
class DurationEdit : public QWidget
{
    Q_OBJECT

public:
    explicit DurationEdit(QWidget *parent = nullptr);

    // The largest whole unit of `seconds` is chosen (3600 → 1 hour, 90 → 90 seconds).
    void setSeconds(qint64 seconds);
    qint64 seconds() const;
    QSpinBox *amountBox() const { return m_amount; }
    QComboBox *unitBox() const { return m_unit; }

Q_SIGNALS:
    void secondsChanged(qint64 seconds);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();

    QSpinBox *m_amount = nullptr;
    QComboBox *m_unit = nullptr;
};

} // namespace osc::ui
