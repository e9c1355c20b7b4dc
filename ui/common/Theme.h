#pragma once

#include <QString>

namespace osc::ui {

// The console's colour scheme. Qt 6.4 cannot ask the platform for light or dark (QStyleHints::colorScheme
// arrived in 6.5), so "System" means the style and palette the platform gave us at start-up, and Light
// and Dark are Fusion with a fixed palette, which looks the same on every desktop.
enum class Theme
{
    System,
    Light,
    Dark
};

// Settings spelling: "system", "light", "dark"; anything else reads as System.
QString themeKey(Theme theme);
Theme themeFromKey(const QString &key);

// Switches style and application palette at runtime. The first call remembers the platform's own style
// and palette so that System can restore them later. Needs a QApplication.
void applyTheme(Theme theme);
// The theme last applied (System before any call).
Theme currentTheme();

} // namespace osc::ui
