#pragma once

#include <QFrame>

class QLabel;
class QVBoxLayout;

namespace osc::ui {

// One card of the Overview: a title, a large figure, a line under it (a change, a hint), optional rows
// below (top meters, top subjects), and a click that opens the page behind it.
class OverviewTile : public QFrame
{
    Q_OBJECT

public:
    explicit OverviewTile(QWidget *parent = nullptr);

    void setTitle(const QString &title);
    void setValue(const QString &value);
    // `trend` > 0 reads as up (green), < 0 as down (red), 0 as neutral.
    void setDetail(const QString &text, int trend = 0);
    // Rows of (label, figure); a click on a row emits rowActivated(label).
    void setRows(const QList<QPair<QString, QString>> &rows, const QString &emptyText);

    QString title() const;
    QString value() const;
    QString detail() const;
    QStringList rowLabels() const;

Q_SIGNALS:
    void activated();
    void rowActivated(const QString &label);

protected:
    void mouseReleaseEvent(QMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void changeEvent(QEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    void applyColors();
    void elideRows();

    QLabel *m_title = nullptr;
    QLabel *m_value = nullptr;
    QLabel *m_detail = nullptr;
    QVBoxLayout *m_rows = nullptr;
    int m_trend = 0;
};

} // namespace osc::ui
