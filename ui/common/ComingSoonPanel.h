#pragma once

#include <QWidget>

namespace osc::ui {

// Placeholder for a page whose feature is not built yet: says, centered, what the page will do.
class ComingSoonPanel : public QWidget
{
    Q_OBJECT

public:
    ComingSoonPanel(const QString &title, const QString &description, QWidget *parent = nullptr);
};

} // namespace osc::ui
