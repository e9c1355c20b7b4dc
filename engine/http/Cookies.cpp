#include "Cookies.h"

#include "core/Clock.h"

#include <QDateTime>
#include <QLocale>

namespace osc::http {

QString cookieValue(const Request &request, QByteArrayView name)
{
    for (const auto &[header, value] : request.headers) {
        if (header.compare("Cookie", Qt::CaseInsensitive) != 0)
            continue;
        for (const QByteArray &pair : value.split(';')) {
            const QByteArray trimmed = pair.trimmed();
            const qsizetype eq = trimmed.indexOf('=');
            if (eq <= 0 || trimmed.left(eq).trimmed() != name)
                continue;
            QByteArray cookie = trimmed.mid(eq + 1).trimmed();
            if (cookie.size() >= 2 && cookie.startsWith('"') && cookie.endsWith('"'))
                cookie = cookie.mid(1, cookie.size() - 2); // RFC 6265 allows a quoted value
            return QString::fromUtf8(cookie);
        }
    }
    return {};
}

QByteArray httpDate(qint64 ns)
{
    const QDateTime at = QDateTime::fromSecsSinceEpoch(ns / kNanosPerSecond, Qt::UTC);
    return QLocale::c().toString(at, QStringLiteral("ddd, dd MMM yyyy hh:mm:ss 'GMT'")).toLatin1();
}

QByteArray sessionCookie(QByteArrayView name, const QString &value, qint64 expiresAtNs)
{
    return name.toByteArray() + '=' + value.toUtf8() + "; Path=/; Expires=" + httpDate(expiresAtNs)
        + "; HttpOnly; SameSite=Lax";
}

QByteArray clearedCookie(QByteArrayView name)
{
    return name.toByteArray() + "=; Path=/; Expires=" + httpDate(0) + "; Max-Age=0; HttpOnly; SameSite=Lax";
}

} // namespace osc::http
