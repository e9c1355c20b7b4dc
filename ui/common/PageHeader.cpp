#include "ui/common/PageHeader.h"

#include <QApplication>
#include <QEvent>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>

namespace osc::ui {

namespace {

// Re-derives the muted colour after a theme switch. Only WindowText is set on the widget, so every other
// role keeps following the application palette, and PaletteChange arrives when that palette changes.
class MutedPaletteKeeper : public QObject
{
public:
    using QObject::QObject;

    static void apply(QWidget *widget)
    {
        const QColor muted = QApplication::palette(widget).color(QPalette::PlaceholderText);
        if (widget->palette().color(QPalette::WindowText) == muted && widget->palette().resolveMask() != 0)
            return;
        QPalette palette; // no roles resolved: only WindowText overrides the inherited palette
        palette.setColor(QPalette::WindowText, muted);
        widget->setPalette(palette);
    }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::PaletteChange || event->type() == QEvent::StyleChange)
            if (auto *widget = qobject_cast<QWidget *>(watched))
                apply(widget);
        return QObject::eventFilter(watched, event);
    }
};

} // namespace

} // namespace osc::ui

namespace osc::ui {

PageHeader::PageHeader(const QString &title, const QString &description, QWidget *parent)
    : QWidget(parent)
{
    auto *titleLabel = m_title = new QLabel(title, this);
    titleLabel->setObjectName(QStringLiteral("pageTitle"));
    QFont titleFont = titleLabel->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.45);
    titleFont.setBold(true);
    titleLabel->setFont(titleFont);

    auto *descriptionLabel = m_description = new QLabel(description, this);
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

void PageHeader::setTitle(const QString &title)
{
    m_title->setText(title);
}

void PageHeader::setDescription(const QString &description)
{
    m_description->setText(description);
}

QString PageHeader::title() const
{
    return m_title->text();
}

void PageHeader::makeMuted(QWidget *widget)
{
    static auto *keeper = new MutedPaletteKeeper(qApp);
    MutedPaletteKeeper::apply(widget);
    widget->installEventFilter(keeper);
}

} // namespace osc::ui
