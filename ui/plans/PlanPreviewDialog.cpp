#include "ui/plans/PlanPreviewDialog.h"

#include "plans/PlanCatalog.h"
#include "ui/common/PageHeader.h"
#include "ui/plans/QuotaText.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace osc::ui {

namespace {

QTableWidgetItem *cell(const QString &text, Qt::Alignment align = Qt::AlignLeft | Qt::AlignVCenter)
{
    auto *item = new QTableWidgetItem(text);
    item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
    item->setTextAlignment(align);
    return item;
}

} // namespace

PlanPreviewDialog::PlanPreviewDialog(const PlanPreview &preview, QWidget *parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("planPreviewDialog"));
    setWindowTitle(tr("Confirm plan change"));

    auto *heading = new QLabel(this);
    QFont bold = heading->font();
    bold.setBold(true);
    heading->setFont(bold);
    heading->setWordWrap(true);
    heading->setText(preview.subjects == 1 ? tr("This change affects 1 subject.")
                                           : tr("This change affects %1 subjects.").arg(preview.subjects));

    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("previewSummary"));
    m_summary->setWordWrap(true);
    QString summary = tr("Saving creates version %1 of \u201c%2\u201d and moves every assignment to it; "
                         "billing periods carry over. After the change: %3 ok, %4 warning, %5 exceeded.")
                          .arg(preview.current.version + 1)
                          .arg(preview.current.name)
                          .arg(preview.ok)
                          .arg(preview.warning)
                          .arg(preview.exceeded);
    if (preview.removedLimits > 0)
        summary += QLatin1Char(' ') + tr("%n limit(s) removed.", nullptr, preview.removedLimits);
    m_summary->setText(summary);
    PageHeader::makeMuted(m_summary);

    m_table = new QTableWidget(0, ColumnCount, this);
    m_table->setObjectName(QStringLiteral("previewTable"));
    m_table->setHorizontalHeaderLabels({tr("Subject"), tr("Limit"), tr("Used"),
        tr("Limit before \u2192 after"), tr("State before \u2192 after")});
    m_table->verticalHeader()->setVisible(false);
    m_table->setShowGrid(false);
    m_table->setAlternatingRowColors(true);
    m_table->setSelectionMode(QAbstractItemView::NoSelection);
    m_table->setWordWrap(false);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    const Qt::Alignment right = Qt::AlignRight | Qt::AlignVCenter;
    for (const PlanPreviewSubject &subject : preview.subjectItems) {
        m_subjects.append(subject.subject);
        for (const PlanPreviewItem &item : subject.items) {
            const int row = m_table->rowCount();
            m_table->insertRow(row);
            // The subject once per group of rows: the table reads as one block per subject.
            m_table->setItem(
                row, SubjectColumn, cell(&item == &subject.items.first() ? subject.subject : QString()));
            m_table->setItem(
                row, LimitColumn, cell(tr("%1 per %2").arg(item.meter, periodText(item.period))));
            m_table->setItem(row, UsedColumn, cell(formatQuantity(item.current), right));
            const QString before = item.existingLimitFound ? formatQuantity(item.currentLimit) : tr("new");
            const QString after = item.removed ? tr("removed") : formatQuantity(item.proposedLimit);
            m_table->setItem(row, ChangeColumn, cell(tr("%1 \u2192 %2").arg(before, after)));
            const QString stateBefore
                = item.existingLimitFound ? quotaStateText(item.currentState) : tr("not in plan");
            const QString stateAfter = item.removed ? tr("not in plan") : quotaStateText(item.proposedState);
            auto *state = cell(tr("%1 \u2192 %2").arg(stateBefore, stateAfter));
            if (!item.removed)
                state->setForeground(quotaStateColor(item.proposedState));
            m_table->setItem(row, StateColumn, state);
        }
    }
    m_table->setFocusPolicy(Qt::NoFocus); // read-only: no focus frame on a first cell
    m_table->resizeColumnsToContents();
    int contentWidth = 0;
    for (int column = 0; column < ColumnCount; ++column) {
        m_table->setColumnWidth(column, qMin(m_table->columnWidth(column) + 16, 260));
        contentWidth += m_table->columnWidth(column);
    }

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_confirm = buttons->addButton(
        tr("Save version %1").arg(preview.current.version + 1), QDialogButtonBox::AcceptRole);
    m_confirm->setObjectName(QStringLiteral("confirmPlanChangeButton"));
    m_confirm->setDefault(true);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(heading);
    layout->addWidget(m_summary);
    layout->addWidget(m_table, 1);
    layout->addWidget(buttons);
    // Wide enough that no state change ("exceeded → exceeded" in German is long) is elided.
    resize(qBound(720, contentWidth + 48, 1000), 420);
}

QString PlanPreviewDialog::summaryText() const
{
    return m_summary->text();
}

QStringList PlanPreviewDialog::subjects() const
{
    return m_subjects;
}

} // namespace osc::ui
