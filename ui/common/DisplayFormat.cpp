#include "ui/common/DisplayFormat.h"

#include "core/Error.h"
#include "core/Rfc3339.h"

#include <QCoreApplication>
#include <QDateTime>

namespace osc::ui {

QString noValueText()
{
    return QStringLiteral("\u2014");
}

QString formatLocalDateTime(TimeNs ns)
{
    return QDateTime::fromMSecsSinceEpoch(ns.floorMillis())
        .toLocalTime()
        .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

QString formatLocalDateTime(const std::optional<TimeNs> &ns, const QString &none)
{
    return ns ? formatLocalDateTime(*ns) : none;
}

QString formatUtcTooltip(const std::optional<TimeNs> &ns)
{
    return ns ? rfc3339::formatSeconds(*ns) : QString();
}

QString errorText(const Error &error)
{
    QString text = error.message.trimmed();
    if (text.isEmpty())
        text = error.code;
    if (text.isEmpty())
        text = QCoreApplication::translate("osc::ui::DisplayFormat", "unknown error");
    // The contract's "<class>\n<detail>" shape reads better on one line in a label.
    text.replace(QLatin1Char('\n'), QLatin1String(": "));
    return text;
}

} // namespace osc::ui
