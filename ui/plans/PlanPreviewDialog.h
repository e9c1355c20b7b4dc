#pragma once

#include <QDialog>
#include <QStringList>

class QLabel;
class QPushButton;
class QTableWidget;

namespace osc {
struct PlanPreview;
}

namespace osc::ui {

// The confirmation before a plan change is saved (§10.2 preview): how many subjects it affects and, per
// subject and limit, the usage against the limit before and after, with the state change. Accept saves.
class PlanPreviewDialog : public QDialog
{
    Q_OBJECT

public:
    enum Column
    {
        SubjectColumn,
        LimitColumn,
        UsedColumn,
        ChangeColumn,
        StateColumn,
        ColumnCount
    };

    PlanPreviewDialog(const osc::PlanPreview &preview, QWidget *parent = nullptr);

    QString summaryText() const;
    // Every subject named in the table, in table order, once each.
    QStringList subjects() const;
    QTableWidget *table() const { return m_table; }
    QPushButton *confirmButton() const { return m_confirm; }

private:
    QLabel *m_summary = nullptr;
    QTableWidget *m_table = nullptr;
    QPushButton *m_confirm = nullptr;
    QStringList m_subjects;
};

} // namespace osc::ui
