#pragma once

#include <QWidget>

class QLabel;

namespace osc::ui {

// A red-tinted, word-wrapped label for errors shown in place (never a modal box for a failed load).
// Hidden while empty.
class InlineErrorLabel : public QWidget
{
    Q_OBJECT

public:
    explicit InlineErrorLabel(QWidget *parent = nullptr);

    void showError(const QString &text);
    void clearError();
    QString text() const;

private:
    QLabel *m_label = nullptr;
};

} // namespace osc::ui
