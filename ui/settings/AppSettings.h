#pragma once

#include "ui/common/Theme.h"

#include <QHostAddress>
#include <QString>

#include <optional>

namespace osc::ui {

// The console's preferences in QSettings (organisation and application names come from main.cpp, so
// they land in ~/.config/OpenSpanner/open-spanner-console.conf on Linux). Keys are spelled here once.
namespace settings {

Theme theme();
void setTheme(Theme theme);

// "en", "de", or empty when never chosen: then the system locale decides.
QString language();
void setLanguage(const QString &code);
// The language to show: the stored one, else the one matching the system locale.
QString effectiveLanguage();

// "host:port" as typed in Settings; empty when never set.
QString listenAddress();
void setListenAddress(const QString &text);

struct ListenAddress
{
    QHostAddress address;
    quint16 port = 0;
};
// "127.0.0.1:18081", "[::1]:18081", ":18081" (all interfaces) or "localhost:18081", as the --listen flag.
std::optional<ListenAddress> parseListenAddress(const QString &text);

// Whether the tray shows a desktop notification when an alert rule triggers or resolves (default on).
bool alertNotifications();
void setAlertNotifications(bool enabled);

// The workspace the window administered last (an id); empty when never switched.
QString workspaceId();
void setWorkspaceId(const QString &id);

// Installs the stored language and theme. Call once in GUI mode, before the main window is created.
void applyStartupPreferences();

} // namespace settings

} // namespace osc::ui
