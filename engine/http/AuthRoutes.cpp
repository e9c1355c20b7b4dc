// Dashboard accounts over REST (contract §2.4): registration, login, the current session, refresh,
// logout and the OAuth provider list. Rules live in AccountService; this file translates JSON and
// cookies.
#include "ApiRoutes.h"

#include "Cookies.h"
#include "Engine.h"
#include "RequestAuth.h"
#include "core/Rfc3339.h"
#include "json/StrictJson.h"

#include <QThreadPool>

#include <memory>

namespace osc::http {

namespace {

QJsonObject userToJson(const User &user)
{
    return {
        {QStringLiteral("id"), user.id},
        {QStringLiteral("email"), user.email},
        {QStringLiteral("created_at"), rfc3339::formatSeconds(user.createdAtNs)},
    };
}

struct Credentials
{
    QString email;
    QString password;
};

Result<Credentials> credentialsFromBody(const QByteArray &body)
{
    auto object = json::parseObjectBody(body);
    if (!object)
        return object.error();
    json::ObjectReader reader(object.value());
    Credentials credentials;
    credentials.email = reader.string(QLatin1StringView("email")).value_or(QString());
    credentials.password = reader.string(QLatin1StringView("password")).value_or(QString());
    if (auto s = reader.status(); !s)
        return s.error();
    return credentials;
}

// 201/200 body of a login or refresh, with both cookies. The body names no token (§2.4: a test checks
// it never contains the word).
Response sessionResponse(int status, const IssuedSession &issued)
{
    Response response = Response::json(status,
        QJsonObject{
            {QStringLiteral("expires_at"), rfc3339::formatSeconds(issued.accessExpiresAtNs)},
            {QStringLiteral("user"), userToJson(issued.user)},
        });
    response.headers.append(
        {"Set-Cookie", sessionCookie(kAccessCookie, issued.accessToken, issued.accessExpiresAtNs)});
    response.headers.append(
        {"Set-Cookie", sessionCookie(kRefreshCookie, issued.refreshToken, issued.refreshExpiresAtNs)});
    return response;
}

QJsonObject provider(const char *id, const char *name)
{
    // No OAuth client is configured in this console: both are always off (§2.4).
    return {{QStringLiteral("enabled"), false}, {QStringLiteral("id"), QLatin1StringView(id)},
        {QStringLiteral("name"), QLatin1StringView(name)}};
}

} // namespace

void addAuthRoutes(Router &router, Engine &engine)
{
    // Argon2id takes a tenth of a second and 64 MiB by design; it runs here, off the server thread, so
    // registrations and logins never stall ingestion. Two threads bound the memory a burst can take.
    auto kdfPool = std::make_shared<QThreadPool>();
    kdfPool->setMaxThreadCount(2);
    kdfPool->setObjectName(QStringLiteral("password-kdf"));

    router.addAsync(Method::Post, QStringLiteral("/v1/auth/users"),
        [&engine, kdfPool](const Request &request, Router::Reply reply) {
            auto credentials = credentialsFromBody(request.body);
            if (!credentials)
                return reply(Response::error(credentials.error()));
            kdfPool->start([&engine, credentials = credentials.value(), reply = std::move(reply)] {
                auto user = engine.accounts().registerUser(credentials.email, credentials.password);
                reply(user ? Response::json(201, userToJson(user.value())) : Response::error(user.error()));
            });
        });

    router.addAsync(Method::Post, QStringLiteral("/v1/auth/sessions"),
        [&engine, kdfPool](const Request &request, Router::Reply reply) {
            auto credentials = credentialsFromBody(request.body);
            if (!credentials)
                return reply(Response::error(credentials.error()));
            kdfPool->start([&engine, credentials = credentials.value(), reply = std::move(reply)] {
                auto issued = engine.accounts().login(credentials.email, credentials.password);
                reply(issued ? sessionResponse(201, issued.value()) : Response::error(issued.error()));
            });
        });

    router.add(Method::Get, QStringLiteral("/v1/auth/session"), [&engine](const Request &request) {
        auto principal = authenticateSession(request, engine.accounts());
        if (!principal)
            return Response::error(principal.error());
        auto user = engine.accounts().sessionUser(principal.value());
        if (!user)
            return Response::error(user.error());
        return Response::json(200, QJsonObject{{QStringLiteral("user"), userToJson(user.value())}});
    });

    router.add(Method::Delete, QStringLiteral("/v1/auth/session"), [&engine](const Request &request) {
        // Always 204 with both cookies cleared, signed in or not; a storage failure leaves sessions that
        // expire on their own, which is no reason to keep the browser's cookies.
        (void)engine.accounts().logout(
            cookieValue(request, kAccessCookie), cookieValue(request, kRefreshCookie));
        Response response = Response::noContent();
        response.headers.append({"Set-Cookie", clearedCookie(kAccessCookie)});
        response.headers.append({"Set-Cookie", clearedCookie(kRefreshCookie)});
        return response;
    });

    router.add(Method::Post, QStringLiteral("/v1/auth/session/refresh"), [&engine](const Request &request) {
        auto issued = engine.accounts().refresh(cookieValue(request, kRefreshCookie));
        if (!issued)
            return Response::error(issued.error());
        return sessionResponse(200, issued.value());
    });

    router.add(Method::Get, QStringLiteral("/v1/auth/providers"), [](const Request &) {
        return Response::json(200,
            QJsonObject{{QStringLiteral("items"),
                QJsonArray{provider("google", "Google"), provider("github", "GitHub")}}});
    });

    router.add(Method::Get, QStringLiteral("/v1/auth/oauth/{provider}"), [](const Request &) {
        return Response::error(Error::notFound(QStringLiteral("oauth provider is not enabled")));
    });

    router.add(Method::Get, QStringLiteral("/v1/auth/oauth/{provider}/callback"), [](const Request &) {
        // Upstream sends every failed callback back to the login page.
        Response response = Response::empty(302);
        response.headers.append({QByteArrayLiteral("Location"), QByteArrayLiteral("/login")});
        return response;
    });
}

} // namespace osc::http
