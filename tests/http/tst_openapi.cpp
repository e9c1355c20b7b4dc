// GET /openapi.json (issue 18): served without credentials as an OpenAPI 3.1 document, and checked
// against the server's router both ways: every route the router answers is an operation of the
// document, and every operation of the document is a route of the router.

#include "ApiTestServer.h"

#include "http/ApiRoutes.h"

#include <QJsonArray>
#include <QSet>
#include <QtTest>

using osc::test::ApiTestServer;
using osc::test::HttpResult;

namespace {

QString operationName(osc::http::Method method)
{
    return QString::fromLatin1(osc::http::methodName(method)).toLower();
}

const QStringList kOperationKeys{"get", "put", "post", "delete", "options", "head", "patch", "trace"};

} // namespace

class tst_OpenApi final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void servedWithoutCredentials();
    void everyRouteIsDocumented();
    void everyDocumentedOperationIsRouted();
    void pathParametersAreDeclared();

private:
    std::unique_ptr<ApiTestServer> m_server;
    QJsonObject m_document;
    QSet<QString> m_routes; // "get /v1/meters/{id}"
};

void tst_OpenApi::initTestCase()
{
    m_server = std::make_unique<ApiTestServer>();
    QVERIFY(m_server->ok());
    const HttpResult r = m_server->send("GET", "/openapi.json");
    QCOMPARE(r.status, 200);
    m_document = r.object();
    const osc::http::Router router = osc::http::buildApiRouter(m_server->engine());
    for (const auto &route : router.routes())
        m_routes.insert(operationName(route.method) + ' ' + route.pattern);
    QVERIFY(m_routes.size() > 70);
}

void tst_OpenApi::servedWithoutCredentials()
{
    QCOMPARE(m_document.value("openapi").toString(), QStringLiteral("3.1.0"));
    QVERIFY(!m_document.value("info").toObject().value("title").toString().isEmpty());
    const HttpResult r = m_server->send("GET", "/openapi.json");
    QVERIFY(r.header("Content-Type").startsWith("application/json"));
    // The document is the same for everyone: credentials change nothing.
    QCOMPARE(m_server->call("GET", "/openapi.json").body, r.body);
    QCOMPARE(m_server->send("POST", "/openapi.json").status, 405);
}

void tst_OpenApi::everyRouteIsDocumented()
{
    const QJsonObject paths = m_document.value("paths").toObject();
    QStringList missing;
    for (const QString &route : std::as_const(m_routes)) {
        const QString method = route.section(' ', 0, 0);
        const QString path = route.section(' ', 1);
        if (!paths.value(path).toObject().contains(method))
            missing.append(route);
    }
    missing.sort();
    QVERIFY2(missing.isEmpty(),
        qPrintable("routes missing from openapi.json (scripts/update-openapi.py): " + missing.join(", ")));
}

void tst_OpenApi::everyDocumentedOperationIsRouted()
{
    const QJsonObject paths = m_document.value("paths").toObject();
    QStringList unknown;
    for (auto it = paths.begin(); it != paths.end(); ++it)
        for (const QString &key : it.value().toObject().keys())
            if (kOperationKeys.contains(key) && !m_routes.contains(key + ' ' + it.key()))
                unknown.append(key + ' ' + it.key());
    QVERIFY2(unknown.isEmpty(),
        qPrintable("openapi.json names routes the server does not answer: " + unknown.join(", ")));
}

void tst_OpenApi::pathParametersAreDeclared()
{
    // Each `{name}` of a path is a path parameter of each of its operations (directly or at path level).
    const QJsonObject paths = m_document.value("paths").toObject();
    QStringList undeclared;
    for (auto it = paths.begin(); it != paths.end(); ++it) {
        QStringList names;
        for (const QString &segment : it.key().split('/'))
            if (segment.startsWith('{'))
                names.append(segment.mid(1, segment.size() - 2));
        const QJsonObject item = it.value().toObject();
        for (const QString &key : item.keys()) {
            if (!kOperationKeys.contains(key))
                continue;
            QSet<QString> declared;
            for (const QJsonArray &parameters : {item.value("parameters").toArray(),
                     item.value(key).toObject().value("parameters").toArray()})
                for (const QJsonValue &p : parameters)
                    if (p.toObject().value("in").toString() == "path")
                        declared.insert(p.toObject().value("name").toString());
            for (const QString &name : names)
                if (!declared.contains(name))
                    undeclared.append(key + ' ' + it.key() + " {" + name + '}');
        }
    }
    QVERIFY2(undeclared.isEmpty(), qPrintable(undeclared.join(", ")));
}

QTEST_GUILESS_MAIN(tst_OpenApi)
#include "tst_openapi.moc"
