#include "ui/common/InlineErrorLabel.h"

#include <QLabel>
#include <QVBoxLayout>

namespace osc::ui {

InlineErrorLabel::InlineErrorLabel(QWidget *parent)
    : QWidget(parent)
{
    m_label = new QLabel(this);
    m_label->setObjectName(QStringLiteral("inlineErrorText"));
    m_label->setWordWrap(true);
    m_label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    // Translucent tints read on light and dark palettes alike.
    m_label->setStyleSheet(QStringLiteral("QLabel { background: rgba(220, 53, 69, 0.12); "
                                          "border: 1px solid rgba(220, 53, 69, 0.55); border-radius: 4px; "
                                          "padding: 6px 8px; }"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_label);
    setVisible(false);
}

void InlineErrorLabel::showError(const QString &text)
{
    m_label->setText(text);
    setVisible(!text.isEmpty());
}

void InlineErrorLabel::clearError()
{
    showError(QString());
}

QString InlineErrorLabel::text() const
{
    return m_label->text();
}

} // namespace osc::ui
