#include "ui/common/PageHeader.h"

#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>

namespace osc::ui {

PageHeader::PageHeader(const QString &title, const QString &description, QWidget *parent)
    : QWidget(parent)
{
    auto *titleLabel = new QLabel(title, this);
    titleLabel->setObjectName(QStringLiteral("pageTitle"));
    QFont titleFont = titleLabel->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.45);
    titleFont.setBold(true);
    titleLabel->setFont(titleFont);

    auto *descriptionLabel = new QLabel(description, this);
    descriptionLabel->setObjectName(QStringLiteral("pageDescription"));
    descriptionLabel->setWordWrap(true);
    makeMuted(descriptionLabel);

    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("pageStatus"));
    m_status->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    makeMuted(m_status);

    m_trailing = new QHBoxLayout;
    m_trailing->setSpacing(6);

    // Title and buttons share the first row; the description and the status share the second, so a
    // long description wraps instead of squeezing the status away.
    auto *grid = new QGridLayout(this);
    grid->setContentsMargins(0, 0, 0, 4);
    grid->setHorizontalSpacing(16);
    grid->setVerticalSpacing(2);
    grid->addWidget(titleLabel, 0, 0, Qt::AlignLeft | Qt::AlignBottom);
    grid->addLayout(m_trailing, 0, 1, Qt::AlignRight | Qt::AlignVCenter);
    grid->addWidget(descriptionLabel, 1, 0);
    grid->addWidget(m_status, 1, 1, Qt::AlignRight | Qt::AlignTop);
    grid->setColumnStretch(0, 1);
}

void PageHeader::addTrailingWidget(QWidget *widget)
{
    m_trailing->addWidget(widget);
}

void PageHeader::setStatusText(const QString &text)
{
    m_status->setText(text);
}

QString PageHeader::statusText() const
{
    return m_status->text();
}

void PageHeader::makeMuted(QWidget *widget)
{
    QPalette palette = widget->palette();
    palette.setColor(QPalette::WindowText, palette.color(QPalette::PlaceholderText));
    widget->setPalette(palette);
}

} // namespace osc::ui
