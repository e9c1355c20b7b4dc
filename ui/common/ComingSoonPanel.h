#pragma once

#include <QWidget>

class QLabel;

namespace osc::ui {

// Placeholder for a page whose feature is not built yet: says, centered, what the page will do.
class ComingSoonPanel : public QWidget
{
    Q_OBJECT

public:
    ComingSoonPanel(const QString &title, const QString &description, QWidget *parent = nullptr);

    // The owner passes texts it translated; it calls this again on a language switch.
    void setTexts(const QString &title, const QString &description);

protected:
    void changeEvent(QEvent *event) override;

private:
    QLabel *m_badge = nullptr;
    QLabel *m_title = nullptr;
    QLabel *m_description = nullptr;
};

} // namespace osc::ui
