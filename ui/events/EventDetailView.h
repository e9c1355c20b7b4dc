#pragma once

#include "model/UsageEvent.h"

#include <QWidget>

#include <optional>

class QFormLayout;
class QLabel;
class QPlainTextEdit;
class QStackedWidget;

namespace osc::ui {

// One event in full: its fields on the left, its metadata as pretty-printed JSON on the right.
class EventDetailView : public QWidget
{
    Q_OBJECT

public:
    explicit EventDetailView(QWidget *parent = nullptr);

    // nullopt shows the "select an event" hint.
    void setEvent(const std::optional<osc::UsageEvent> &event);
    QString metadataText() const;
    QString eventId() const;

private:
    QLabel *addField(QFormLayout *form, const QString &label, const QString &objectName);

    QStackedWidget *m_stack = nullptr;
    QLabel *m_hint = nullptr;
    QLabel *m_id = nullptr;
    QLabel *m_time = nullptr;
    QLabel *m_received = nullptr;
    QLabel *m_subject = nullptr;
    QLabel *m_meter = nullptr;
    QLabel *m_quantity = nullptr;
    QLabel *m_idempotencyKey = nullptr;
    QPlainTextEdit *m_metadata = nullptr;
};

} // namespace osc::ui
