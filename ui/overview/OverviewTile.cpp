#include "ui/overview/OverviewTile.h"

#include <QEvent>
#include <QGridLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QMouseEvent>
#include <QPushButton>
#include <QVBoxLayout>

namespace osc::ui {

OverviewTile::OverviewTile(QWidget *parent)
    : QFrame(parent)
{
    setFrameShape(QFrame::StyledPanel);
    setCursor(Qt::PointingHandCursor);
    setFocusPolicy(Qt::StrongFocus); // Enter or Space opens it, as a click does
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Minimum);
    m_title = new QLabel(this);
    m_title->setObjectName(QStringLiteral("tileTitle"));
    m_title->setWordWrap(true); // long German titles take two lines at 1,024 px rather than clip
    m_value = new QLabel(this);
    m_value->hide(); // list tiles have no figure
    m_value->setObjectName(QStringLiteral("tileValue"));
    QFont big = m_value->font();
    big.setPointSizeF(big.pointSizeF() * 1.9);
    big.setBold(true);
    m_value->setFont(big);
    m_detail = new QLabel(this);
    m_detail->setObjectName(QStringLiteral("tileDetail"));
    m_detail->setWordWrap(true);
    m_detail->hide();
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(14, 10, 14, 12);
    layout->setSpacing(4);
    layout->addWidget(m_title);
    layout->addWidget(m_value);
    layout->addWidget(m_detail);
    m_rows = new QVBoxLayout;
    m_rows->setSpacing(0);
    layout->addLayout(m_rows);
    layout->addStretch(1);
    applyColors();
}

void OverviewTile::setTitle(const QString &title)
{
    m_title->setText(title);
}

void OverviewTile::setValue(const QString &value)
{
    m_value->setText(value);
    m_value->setVisible(!value.isEmpty());
}

void OverviewTile::setDetail(const QString &text, int trend)
{
    m_detail->setText(text);
    m_detail->setVisible(!text.isEmpty());
    m_trend = trend;
    applyColors();
}

void OverviewTile::setRows(const QList<QPair<QString, QString>> &rows, const QString &emptyText)
{
    while (QLayoutItem *item = m_rows->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    if (rows.isEmpty()) {
        auto *empty = new QLabel(emptyText, this);
        empty->setEnabled(false);
        m_rows->addWidget(empty);
        return;
    }
    for (const auto &[label, figure] : rows) {
        // A flat button per row: keyboard-reachable, and a click opens that meter or subject.
        auto *row = new QPushButton(this);
        row->setObjectName(QStringLiteral("tileRow"));
        row->setFlat(true);
        row->setCursor(Qt::PointingHandCursor);
        row->setProperty("rowLabel", label);
        auto *inner = new QHBoxLayout(row);
        inner->setContentsMargins(2, 1, 2, 1);
        auto *name = new QLabel(label, row);
        name->setObjectName(QStringLiteral("tileRowName"));
        name->setProperty("fullText", label);
        row->setToolTip(label);
        name->setTextInteractionFlags(Qt::NoTextInteraction);
        name->setAttribute(Qt::WA_TransparentForMouseEvents);
        name->setMinimumWidth(0);
        name->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred); // long names elide, not widen
        auto *value = new QLabel(figure, row);
        value->setAttribute(Qt::WA_TransparentForMouseEvents);
        value->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
        inner->addWidget(name, 1);
        inner->addWidget(value);
        row->setMinimumHeight(name->sizeHint().height() + 4);
        connect(row, &QPushButton::clicked, this, [this, label] { Q_EMIT rowActivated(label); });
        m_rows->addWidget(row);
    }
    elideRows();
}

void OverviewTile::elideRows()
{
    // A long meter or subject name ends in "…" (its tooltip has all of it) instead of being cut.
    for (QLabel *name : findChildren<QLabel *>(QStringLiteral("tileRowName"))) {
        const QString full = name->property("fullText").toString();
        const int width = name->width() > 0 ? name->width() : this->width() / 2;
        name->setText(name->fontMetrics().elidedText(full, Qt::ElideMiddle, width));
    }
}

void OverviewTile::resizeEvent(QResizeEvent *event)
{
    QFrame::resizeEvent(event);
    // The row layouts settle after this event: elide once they have their widths.
    QMetaObject::invokeMethod(this, &OverviewTile::elideRows, Qt::QueuedConnection);
}

QString OverviewTile::title() const
{
    return m_title->text();
}

QString OverviewTile::value() const
{
    return m_value->text();
}

QString OverviewTile::detail() const
{
    return m_detail->text();
}

QStringList OverviewTile::rowLabels() const
{
    QStringList labels;
    for (int i = 0; i < m_rows->count(); ++i)
        if (QWidget *row = m_rows->itemAt(i)->widget(); row && row->property("rowLabel").isValid())
            labels.append(row->property("rowLabel").toString());
    return labels;
}

void OverviewTile::mouseReleaseEvent(QMouseEvent *event)
{
    if (event->button() == Qt::LeftButton && rect().contains(event->position().toPoint()))
        Q_EMIT activated();
    QFrame::mouseReleaseEvent(event);
}

void OverviewTile::keyPressEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter || event->key() == Qt::Key_Space) {
        Q_EMIT activated();
        return;
    }
    QFrame::keyPressEvent(event);
}

void OverviewTile::changeEvent(QEvent *event)
{
    QFrame::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        applyColors();
}

void OverviewTile::applyColors()
{
    // Colours from the palette, so light and dark themes both read; the trend colour only tints the
    // change line, the figure itself stays the text colour.
    QPalette titlePalette = palette();
    titlePalette.setColor(QPalette::WindowText, palette().color(QPalette::PlaceholderText));
    m_title->setPalette(titlePalette);
    QPalette detailPalette = palette();
    const bool dark = palette().color(QPalette::Window).lightness() < 128;
    if (m_trend > 0)
        detailPalette.setColor(
            QPalette::WindowText, dark ? QColor(0x6f, 0xcf, 0x86) : QColor(0x1e, 0x7e, 0x34));
    else if (m_trend < 0)
        detailPalette.setColor(
            QPalette::WindowText, dark ? QColor(0xf0, 0x8a, 0x80) : QColor(0xb0, 0x2a, 0x1f));
    else
        detailPalette.setColor(QPalette::WindowText, palette().color(QPalette::PlaceholderText));
    m_detail->setPalette(detailPalette);
}

} // namespace osc::ui
