#include "ui/settings/AppSettings.h"

#include "ui/common/Language.h"

#include <QSettings>

namespace osc::ui::settings {

namespace {

const QString kThemeKey = QStringLiteral("appearance/theme");
const QString kLanguageKey = QStringLiteral("appearance/language");
const QString kListenKey = QStringLiteral("server/listenAddress");
const QString kWorkspaceKey = QStringLiteral("mainWindow/workspace");
const QString kAlertNotificationsKey = QStringLiteral("notifications/alerts");

} // namespace

bool alertNotifications()
{
    return QSettings().value(kAlertNotificationsKey, true).toBool();
}

void setAlertNotifications(bool enabled)
{
    QSettings().setValue(kAlertNotificationsKey, enabled);
}

QString workspaceId()
{
    return QSettings().value(kWorkspaceKey).toString();
}

void setWorkspaceId(const QString &id)
{
    QSettings().setValue(kWorkspaceKey, id);
}

Theme theme()
{
    return themeFromKey(QSettings().value(kThemeKey).toString());
}

void setTheme(Theme theme)
{
    QSettings().setValue(kThemeKey, themeKey(theme));
}

QString language()
{
    const QString code = QSettings().value(kLanguageKey).toString();
    return availableLanguages().contains(code) ? code : QString();
}

void setLanguage(const QString &code)
{
    QSettings().setValue(kLanguageKey, code);
}

QString effectiveLanguage()
{
    const QString stored = language();
    return stored.isEmpty() ? languageForSystemLocale() : stored;
}

QString listenAddress()
{
    return QSettings().value(kListenKey).toString();
}

void setListenAddress(const QString &text)
{
    if (text.trimmed().isEmpty())
        QSettings().remove(kListenKey);
    else
        QSettings().setValue(kListenKey, text.trimmed());
}

std::optional<ListenAddress> parseListenAddress(const QString &text)
{
    const QString trimmed = text.trimmed();
    const qsizetype colon = trimmed.lastIndexOf(QLatin1Char(':'));
    if (colon < 0)
        return std::nullopt;
    QString host = trimmed.left(colon);
    bool portOk = false;
    const uint port = trimmed.mid(colon + 1).toUInt(&portOk);
    if (!portOk || port > 65535)
        return std::nullopt;
    ListenAddress result;
    result.port = quint16(port);
    if (host.startsWith(QLatin1Char('[')) && host.endsWith(QLatin1Char(']')))
        host = host.mid(1, host.size() - 2);
    if (host.isEmpty())
        result.address = QHostAddress::Any; // ":18081", as upstream: every interface
    else if (host.compare(QLatin1StringView("localhost"), Qt::CaseInsensitive) == 0)
        result.address = QHostAddress::LocalHost;
    else if (!result.address.setAddress(host))
        return std::nullopt;
    return result;
}

void applyStartupPreferences()
{
    installLanguage(effectiveLanguage());
    // System needs no switch; applying it still records the platform look for later switches.
    applyTheme(theme());
}

} // namespace osc::ui::settings
