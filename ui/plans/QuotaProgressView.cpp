#include "ui/plans/QuotaProgressView.h"

#include "plans/Entitlements.h"
#include "ui/common/PageHeader.h"
#include "ui/plans/QuotaBar.h"
#include "ui/plans/QuotaText.h"

#include <QDateTime>
#include <QLabel>
#include <QVBoxLayout>

namespace osc::ui {

namespace {

QString formatResetTime(qint64 ns)
{
    // Minutes are enough for a reset; windows start on whole seconds of the anchor.
    return QDateTime::fromMSecsSinceEpoch(ns / 1'000'000)
        .toLocalTime()
        .toString(QStringLiteral("yyyy-MM-dd HH:mm"));
}

} // namespace

QuotaProgressView::QuotaProgressView(QWidget *parent)
    : QWidget(parent)
{
    m_title = new QLabel(this);
    m_title->setObjectName(QStringLiteral("progressTitle"));
    m_title->setWordWrap(true);
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);
    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("progressMessage"));
    m_message->setWordWrap(true);
    PageHeader::makeMuted(m_message);
    m_rows = new QVBoxLayout;
    m_rows->setSpacing(10);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_title);
    layout->addWidget(m_message);
    layout->addLayout(m_rows);
    layout->addStretch(1);
    m_title->hide();
}

void QuotaProgressView::clearRows()
{
    qDeleteAll(m_rowWidgets);
    m_rowWidgets.clear();
    m_bars.clear();
    m_details.clear();
}

void QuotaProgressView::showMessage(const QString &text)
{
    clearRows();
    m_subject.clear();
    m_title->hide();
    m_message->setText(text);
    m_message->show();
}

QString QuotaProgressView::message() const
{
    return m_message->isHidden() ? QString() : m_message->text();
}

QString QuotaProgressView::detailText(int index) const
{
    return m_details.at(index)->text();
}

void QuotaProgressView::setProgress(const SubjectProgress &progress)
{
    clearRows();
    m_subject = progress.subject;
    m_title->setText(
        tr("%1 on %2 (v%3)").arg(progress.subject, progress.plan.name).arg(progress.plan.version));
    m_title->show();
    m_message->hide();
    for (const LimitProgress &item : progress.items) {
        auto *row = new QWidget(this);
        auto *rowLayout = new QVBoxLayout(row);
        rowLayout->setContentsMargins(0, 0, 0, 0);
        rowLayout->setSpacing(3);
        auto *heading = new QLabel(
            tr("%1 per %2 \u2014 %3")
                .arg(item.limit.meter, periodText(item.limit.period), quotaStateText(item.state)),
            row);
        heading->setWordWrap(true);
        auto *bar = new QuotaBar(row);
        bar->setValues(item.current, item.limit.limit, item.limit.warningPercent, item.state);
        bar->setToolTip(
            tr("The line marks the warning at %1\u00a0%").arg(formatQuantity(item.limit.warningPercent)));
        const QString unit = item.unit.isEmpty() ? QString() : QChar(0x00a0) + item.unit;
        auto *detail
            = new QLabel(tr("%1 of %2%3 \u00b7 %4\u00a0% \u00b7 warning at %5\u00a0% \u00b7 resets %6")
                             .arg(formatQuantity(item.current), formatQuantity(item.limit.limit), unit,
                                 formatQuantity(item.percent), formatQuantity(item.limit.warningPercent),
                                 formatResetTime(item.window.toNs)),
                row);
        detail->setWordWrap(true);
        PageHeader::makeMuted(detail);
        rowLayout->addWidget(heading);
        rowLayout->addWidget(bar);
        rowLayout->addWidget(detail);
        m_rows->addWidget(row);
        row->show(); // now, not on the layout's deferred show: callers read the bars right away
        m_rowWidgets.append(row);
        m_bars.append(bar);
        m_details.append(detail);
    }
    if (progress.items.isEmpty()) {
        m_message->setText(tr("This plan has no limits."));
        m_message->show();
    }
}

} // namespace osc::ui
