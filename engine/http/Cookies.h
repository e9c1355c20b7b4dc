#pragma once

#include "HttpTypes.h"

namespace osc::http {

// The dashboard session cookies of contract §2.4.
inline constexpr QByteArrayView kAccessCookie{"open_spanner_access"};
inline constexpr QByteArrayView kRefreshCookie{"open_spanner_refresh"};

// The value of cookie `name` from the request's Cookie headers (RFC 6265 `a=b; c=d`), trimmed; empty
// when absent. The first occurrence wins.
QString cookieValue(const Request &request, QByteArrayView name);

// `name=value; Path=/; Expires=<RFC 1123>; HttpOnly; SameSite=Lax`, as Go's http.Cookie writes it.
// No `Secure`: this server speaks plain HTTP (a TLS proxy in front may add it).
QByteArray sessionCookie(QByteArrayView name, const QString &value, qint64 expiresAtNs);
// The same cookie emptied and expired (`Max-Age=0`, Expires in 1970): the browser drops it.
QByteArray clearedCookie(QByteArrayView name);

// "Thu, 01 Jan 1970 00:00:00 GMT"
QByteArray httpDate(qint64 ns);

} // namespace osc::http
