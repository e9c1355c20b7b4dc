#include "ui/events/EventDetailView.h"

#include "core/Rfc3339.h"
#include "ui/common/DisplayFormat.h"
#include "ui/common/PageHeader.h"

#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QJsonDocument>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace osc::ui {

namespace {

QString timeText(TimeNs ns)
{
    // Local time to read, the stored UTC instant to copy into a filter or a bug report.
    const QString utc = ns % 1'000'000'000 == 0 ? rfc3339::formatSeconds(ns) : rfc3339::formatNanos(ns);
    return QStringLiteral("%1  (%2)").arg(formatLocalDateTime(ns), utc);
}

} // namespace

EventDetailView::EventDetailView(QWidget *parent)
    : QWidget(parent)
{
    m_hint = new QLabel(tr("Select an event to see all its fields and metadata."), this);
    m_hint->setObjectName(QStringLiteral("eventDetailHint"));
    m_hint->setAlignment(Qt::AlignCenter);
    PageHeader::makeMuted(m_hint);

    auto *details = new QWidget(this);
    auto *form = new QFormLayout;
    form->setLabelAlignment(Qt::AlignRight);
    m_time = addField(form, tr("Event time:"), QStringLiteral("eventDetailTime"));
    m_subject = addField(form, tr("Subject:"), QStringLiteral("eventDetailSubject"));
    m_meter = addField(form, tr("Meter:"), QStringLiteral("eventDetailMeter"));
    m_quantity = addField(form, tr("Quantity:"), QStringLiteral("eventDetailQuantity"));
    m_received = addField(form, tr("Received:"), QStringLiteral("eventDetailReceived"));
    m_idempotencyKey = addField(form, tr("Idempotency key:"), QStringLiteral("eventDetailIdempotencyKey"));
    m_id = addField(form, tr("Event ID:"), QStringLiteral("eventDetailId"));

    m_metadata = new QPlainTextEdit(details);
    m_metadata->setObjectName(QStringLiteral("eventDetailMetadata"));
    m_metadata->setReadOnly(true);
    m_metadata->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_metadata->setLineWrapMode(QPlainTextEdit::NoWrap);
    auto *metadataLabel = new QLabel(tr("Metadata:"), details);
    auto *metadataColumn = new QVBoxLayout;
    metadataColumn->setSpacing(2);
    metadataColumn->addWidget(metadataLabel);
    metadataColumn->addWidget(m_metadata, 1);

    auto *row = new QHBoxLayout(details);
    row->setContentsMargins(0, 0, 0, 0);
    row->addLayout(form, 3);
    row->addLayout(metadataColumn, 2);

    m_stack = new QStackedWidget(this);
    m_stack->addWidget(m_hint);
    m_stack->addWidget(details);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 4, 0, 0);
    layout->addWidget(m_stack);
}

QLabel *EventDetailView::addField(QFormLayout *form, const QString &label, const QString &objectName)
{
    auto *value = new QLabel(this);
    value->setObjectName(objectName);
    value->setTextInteractionFlags(Qt::TextSelectableByMouse);
    form->addRow(label, value);
    return value;
}

void EventDetailView::setEvent(const std::optional<UsageEvent> &event)
{
    if (!event) {
        m_stack->setCurrentWidget(m_hint);
        m_metadata->clear();
        return;
    }
    m_id->setText(event->id);
    m_time->setText(timeText(event->eventTimeNs));
    m_received->setText(timeText(event->receivedAtNs));
    m_subject->setText(event->subject);
    m_meter->setText(event->meter);
    m_quantity->setText(QLocale().toString(event->quantity, 'g', QLocale::FloatingPointShortest));
    m_idempotencyKey->setText(event->idempotencyKey.value_or(tr("(none)")));
    const QJsonDocument metadata = QJsonDocument::fromJson(event->metadata);
    m_metadata->setPlainText(metadata.isObject() ? QString::fromUtf8(metadata.toJson(QJsonDocument::Indented))
                                                 : QString::fromUtf8(event->metadata));
    m_stack->setCurrentIndex(1);
}

QString EventDetailView::metadataText() const
{
    return m_metadata->toPlainText();
}

QString EventDetailView::eventId() const
{
    return m_stack->currentIndex() == 1 ? m_id->text() : QString();
}

} // namespace osc::ui
