#include "ui/common/ComingSoonPanel.h"

#include "ui/common/PageHeader.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>

namespace osc::ui {

ComingSoonPanel::ComingSoonPanel(const QString &title, const QString &description, QWidget *parent)
    : QWidget(parent)
{
    auto *badge = m_badge = new QLabel(tr("Coming soon"), this);
    badge->setObjectName(QStringLiteral("comingSoonBadge"));
    badge->setAlignment(Qt::AlignCenter);
    badge->setStyleSheet(QStringLiteral("QLabel { background: rgba(13, 110, 253, 0.12); "
                                        "border: 1px solid rgba(13, 110, 253, 0.45); border-radius: 10px; "
                                        "padding: 2px 12px; }"));

    auto *titleLabel = m_title = new QLabel(title, this);
    titleLabel->setObjectName(QStringLiteral("comingSoonTitle"));
    titleLabel->setAlignment(Qt::AlignCenter);
    QFont titleFont = titleLabel->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.6);
    titleFont.setBold(true);
    titleLabel->setFont(titleFont);

    auto *descriptionLabel = m_description = new QLabel(description, this);
    descriptionLabel->setObjectName(QStringLiteral("comingSoonDescription"));
    descriptionLabel->setAlignment(Qt::AlignCenter);
    descriptionLabel->setWordWrap(true);
    descriptionLabel->setMinimumWidth(360);
    descriptionLabel->setMaximumWidth(520);
    PageHeader::makeMuted(descriptionLabel);

    auto *layout = new QVBoxLayout(this);
    layout->addStretch(2);
    layout->addWidget(badge, 0, Qt::AlignHCenter);
    layout->addSpacing(10);
    layout->addWidget(titleLabel, 0, Qt::AlignHCenter);
    layout->addSpacing(4);
    // Stretches, not an alignment flag: an aligned item ignores the wrapped label's height-for-width.
    auto *descriptionRow = new QHBoxLayout;
    descriptionRow->addStretch(1);
    descriptionRow->addWidget(descriptionLabel, 4);
    descriptionRow->addStretch(1);
    layout->addLayout(descriptionRow);
    layout->addStretch(3);
}

void ComingSoonPanel::setTexts(const QString &title, const QString &description)
{
    m_title->setText(title);
    m_description->setText(description);
}

void ComingSoonPanel::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::LanguageChange)
        m_badge->setText(tr("Coming soon"));
}

} // namespace osc::ui
