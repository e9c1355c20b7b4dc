#pragma once

#include <QList>
#include <QWidget>

class QLabel;
class QVBoxLayout;

namespace osc {
struct SubjectProgress;
}

namespace osc::ui {

class QuotaBar;

// A subject's quota progress (§10.5): per plan limit the meter and period, a bar of used / limit with the
// warning marker, and "12 of 100 requests · 12 % · warning at 80 % · resets <date>". Shows a message
// instead when there is nothing to draw (no subject chosen, no plan assigned, a failed load).
class QuotaProgressView : public QWidget
{
    Q_OBJECT

public:
    explicit QuotaProgressView(QWidget *parent = nullptr);

    void setProgress(const osc::SubjectProgress &progress);
    void showMessage(const QString &text);

    QString subject() const { return m_subject; }
    QString message() const;
    int barCount() const { return int(m_bars.size()); }
    QuotaBar *bar(int index) const { return m_bars.at(index); }
    // The detail line under bar `index`.
    QString detailText(int index) const;

private:
    void clearRows();

    QLabel *m_title = nullptr;
    QLabel *m_message = nullptr;
    QVBoxLayout *m_rows = nullptr;
    QList<QWidget *> m_rowWidgets;
    QList<QuotaBar *> m_bars;
    QList<QLabel *> m_details;
    QString m_subject;
};

} // namespace osc::ui
