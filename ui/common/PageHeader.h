#pragma once

#include <QWidget>

class QHBoxLayout;
class QLabel;

namespace osc::ui {

// The strip at the top of every page: title and one-line description on the left, a muted status text
// ("Updated 14:02:11", "Loading…") and the page's buttons on the right.
class PageHeader : public QWidget
{
    Q_OBJECT

public:
    PageHeader(const QString &title, const QString &description, QWidget *parent = nullptr);

    // Appends a button (or any widget) to the right-hand side, in call order.
    void addTrailingWidget(QWidget *widget);
    void setStatusText(const QString &text);
    // For pages that retranslate their header on QEvent::LanguageChange.
    void setTitle(const QString &title);
    void setDescription(const QString &description);
    QString title() const;
    QString statusText() const;

    // Muted secondary text, as used under titles and in empty states. Follows theme switches: the colour
    // is taken again from the new palette whenever the widget's palette changes.
    static void makeMuted(QWidget *widget);

private:
    QLabel *m_title = nullptr;
    QLabel *m_description = nullptr;
    QLabel *m_status = nullptr;
    QHBoxLayout *m_trailing = nullptr;
};

} // namespace osc::ui
