// Black-box tests of the built open-spanner-console binary: --version/--help, the `keys` commands,
// configuration errors (exit code 2), and headless serving (GET /health, API-key auth on /v1/meters,
// clean shutdown on SIGTERM). Each case uses its own data folder.

#include "Engine.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QFileInfo>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QProcess>
#include <QProcessEnvironment>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

namespace {

const QString kBootstrapKey = QStringLiteral("osp_sk_testtesttesttesttesttesttesttesttesttest12");

struct Run
{
    int exitCode = -1;
    QProcess::ExitStatus exitStatus = QProcess::CrashExit;
    QString out;
    QString err;
    bool finished = false;
};

// The child's environment: this process's, minus any OPEN_SPANNER_* setting that could leak in.
QProcessEnvironment cleanEnvironment()
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    const QStringList keys = env.keys();
    for (const QString &key : keys)
        if (key.startsWith(QLatin1StringView("OPEN_SPANNER_")))
            env.remove(key);
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    return env;
}

quint16 freePort()
{
    QTcpServer server;
    if (!server.listen(QHostAddress::LocalHost, 0))
        return 0;
    const quint16 port = server.serverPort();
    server.close();
    return port;
}

struct HttpResult
{
    int status = 0; // 0 = no HTTP response (connection refused, timeout)
    QByteArray body;
};

HttpResult httpGet(
    QNetworkAccessManager &manager, const QUrl &url, const QByteArray &bearer = {}, int timeoutMs = 2000)
{
    QNetworkRequest request(url);
    if (!bearer.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + bearer);
    QNetworkReply *reply = manager.get(request);
    QEventLoop loop;
    QTimer timer;
    timer.setSingleShot(true);
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QObject::connect(&timer, &QTimer::timeout, &loop, &QEventLoop::quit);
    timer.start(timeoutMs);
    loop.exec();
    HttpResult result;
    if (reply->isFinished()) {
        result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        result.body = reply->readAll();
    } else {
        reply->abort();
    }
    reply->deleteLater();
    return result;
}

} // namespace

class TstCli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void version();
    void help();
    void keysCreateListRevoke();
    void keysCreateWithoutNameFails();
    void keysRateLimit();
    void keysRevokeUnknownIdFails();
    void keysListOfAnotherWorkspace();
    void badListenEnvironmentExitsTwo();
    void takenGrpcAddressExitsOne();
    void unsupportedDriverExitsTwo();
    void serveHeadless_data();
    void serveHeadless();

private:
    Run run(
        const QStringList &args, const QProcessEnvironment &env = cleanEnvironment(), int timeoutMs = 20'000);
    QStringList withDataDir(const QStringList &args) const;

    QString m_binary;
    std::unique_ptr<QTemporaryDir> m_dataDir;
};

void TstCli::initTestCase()
{
    m_binary = qEnvironmentVariable("OPEN_SPANNER_TEST_BINARY");
    QVERIFY2(!m_binary.isEmpty(), "OPEN_SPANNER_TEST_BINARY is not set (run through ctest)");
    QVERIFY2(
        QFileInfo(m_binary).isExecutable(), qPrintable(m_binary + QStringLiteral(" is not an executable")));
}

void TstCli::init()
{
    m_dataDir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dataDir->isValid());
}

void TstCli::cleanup()
{
    m_dataDir.reset();
}

QStringList TstCli::withDataDir(const QStringList &args) const
{
    return args + QStringList{QStringLiteral("--data-dir"), m_dataDir->path()};
}

Run TstCli::run(const QStringList &args, const QProcessEnvironment &env, int timeoutMs)
{
    QProcess process;
    process.setProcessEnvironment(env);
    process.start(m_binary, args);
    Run result;
    if (!process.waitForStarted(10'000))
        return result;
    result.finished = process.waitForFinished(timeoutMs);
    if (!result.finished) {
        process.kill();
        process.waitForFinished(5'000);
    }
    result.exitCode = process.exitCode();
    result.exitStatus = process.exitStatus();
    result.out = QString::fromUtf8(process.readAllStandardOutput());
    result.err = QString::fromUtf8(process.readAllStandardError());
    return result;
}

void TstCli::version()
{
    const Run r = run({QStringLiteral("--version")});
    QVERIFY(r.finished);
    QCOMPARE(r.exitStatus, QProcess::NormalExit);
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(r.out.trimmed(), QStringLiteral("open-spanner-console 0.1.0"));
}

void TstCli::help()
{
    const Run r = run({QStringLiteral("--help")});
    QVERIFY(r.finished);
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.out.contains(QLatin1StringView("--listen")), qPrintable(r.out));
    QVERIFY2(r.out.contains(QLatin1StringView("keys create")), qPrintable(r.out));
    QVERIFY(r.out.contains(QLatin1StringView("--headless")));
}

void TstCli::keysCreateListRevoke()
{
    // create: exactly one line on stdout, the secret.
    const Run created
        = run(withDataDir({QStringLiteral("keys"), QStringLiteral("create"), QStringLiteral("--name"),
            QStringLiteral("ci"), QStringLiteral("--scopes"), QStringLiteral("usage:write,usage:read")}));
    QVERIFY(created.finished);
    QVERIFY2(created.exitCode == 0, qPrintable(created.err));
    const QStringList outLines = created.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(outLines.size(), 1);
    const QString secret = outLines.first().trimmed();
    QVERIFY2(secret.startsWith(QLatin1StringView("osp_sk_")), qPrintable(secret));
    QCOMPARE(secret.size(), 50);
    QVERIFY2(QRegularExpression(QStringLiteral("^osp_sk_[A-Za-z0-9_-]{43}$")).match(secret).hasMatch(),
        qPrintable(secret));
    // The secret is not repeated on stderr (details only).
    QVERIFY(!created.err.contains(secret));

    // list: the key's name and "active"; never the secret.
    const Run listed = run(withDataDir({QStringLiteral("keys"), QStringLiteral("list")}));
    QVERIFY(listed.finished);
    QVERIFY2(listed.exitCode == 0, qPrintable(listed.err));
    QVERIFY(!listed.out.contains(secret));
    QString keyLine;
    for (const QString &line : listed.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts))
        if (line.split(QLatin1Char(' '), Qt::SkipEmptyParts).contains(QStringLiteral("ci")))
            keyLine = line;
    QVERIFY2(!keyLine.isEmpty(), qPrintable(listed.out));
    QVERIFY2(keyLine.contains(QLatin1StringView("active")), qPrintable(keyLine));
    QVERIFY2(keyLine.contains(secret.left(18)), qPrintable(keyLine)); // the prefix is shown
    const QString id = keyLine.split(QLatin1Char(' '), Qt::SkipEmptyParts).first();
    QVERIFY2(QRegularExpression(
                 QStringLiteral("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$"))
                 .match(id)
                 .hasMatch(),
        qPrintable(id));

    // revoke, then list shows "revoked".
    const Run revoked = run(withDataDir({QStringLiteral("keys"), QStringLiteral("revoke"), id}));
    QVERIFY(revoked.finished);
    QVERIFY2(revoked.exitCode == 0, qPrintable(revoked.err));

    const Run after = run(withDataDir({QStringLiteral("keys"), QStringLiteral("list")}));
    QVERIFY(after.finished);
    QCOMPARE(after.exitCode, 0);
    QString revokedLine;
    for (const QString &line : after.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts))
        if (line.startsWith(id))
            revokedLine = line;
    QVERIFY2(revokedLine.contains(QLatin1StringView("revoked")), qPrintable(after.out));
    QVERIFY(!revokedLine.contains(QLatin1StringView("active")));
}

// Issue 21: a rate limit at creation and later, shown by `keys list`; bad values exit 2.
void TstCli::keysRateLimit()
{
    const Run created = run(withDataDir({QStringLiteral("keys"), QStringLiteral("create"),
        QStringLiteral("--name"), QStringLiteral("limited"), QStringLiteral("--rate-limit"),
        QStringLiteral("120"), QStringLiteral("--burst"), QStringLiteral("10")}));
    QVERIFY2(created.exitCode == 0, qPrintable(created.err));
    QVERIFY2(
        created.err.contains(QLatin1StringView("rate limit:     120/min burst 10")), qPrintable(created.err));
    const auto keyLine = [&] {
        const Run listed = run(withDataDir({QStringLiteral("keys"), QStringLiteral("list")}));
        for (const QString &line : listed.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts))
            if (line.split(QLatin1Char(' '), Qt::SkipEmptyParts).contains(QStringLiteral("limited")))
                return line;
        return QString();
    };
    QString line = keyLine();
    QVERIFY2(line.endsWith(QLatin1StringView("120/min burst 10")), qPrintable(line));
    const QString id = line.split(QLatin1Char(' '), Qt::SkipEmptyParts).first();

    const Run lowered = run(withDataDir({QStringLiteral("keys"), QStringLiteral("rate-limit"), id,
        QStringLiteral("--rate-limit"), QStringLiteral("30")}));
    QVERIFY2(lowered.exitCode == 0, qPrintable(lowered.err));
    QVERIFY2(keyLine().endsWith(QLatin1StringView("30/min burst 30")), qPrintable(keyLine()));
    const Run lifted = run(withDataDir({QStringLiteral("keys"), QStringLiteral("rate-limit"), id,
        QStringLiteral("--rate-limit"), QStringLiteral("0")}));
    QVERIFY2(lifted.exitCode == 0, qPrintable(lifted.err));
    QVERIFY2(keyLine().endsWith(QLatin1StringView("unlimited")), qPrintable(keyLine()));

    const Run negative = run(withDataDir(
        {QStringLiteral("keys"), QStringLiteral("rate-limit"), id, QStringLiteral("--rate-limit=-1")}));
    QCOMPARE(negative.exitCode, 2);
    const Run tooHigh = run(withDataDir({QStringLiteral("keys"), QStringLiteral("rate-limit"), id,
        QStringLiteral("--rate-limit"), QStringLiteral("1000001")}));
    QCOMPARE(tooHigh.exitCode, 2);
    QVERIFY2(tooHigh.err.contains(QLatin1StringView("rate limit must be from 0 to 1000000")),
        qPrintable(tooHigh.err));
    const Run unknown = run(withDataDir({QStringLiteral("keys"), QStringLiteral("rate-limit"),
        QStringLiteral("no-such-id"), QStringLiteral("--rate-limit"), QStringLiteral("5")}));
    QCOMPARE(unknown.exitCode, 1);
    const Run missing = run(withDataDir({QStringLiteral("keys"), QStringLiteral("rate-limit"), id}));
    QCOMPARE(missing.exitCode, 2);
}

void TstCli::keysCreateWithoutNameFails()
{
    const Run r = run(withDataDir({QStringLiteral("keys"), QStringLiteral("create")}));
    QVERIFY(r.finished);
    QCOMPARE(r.exitStatus, QProcess::NormalExit);
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains(QLatin1StringView("name is required")), qPrintable(r.err));
    QVERIFY(!r.out.contains(QLatin1StringView("osp_sk_")));

    // Nothing was created.
    const Run listed = run(withDataDir({QStringLiteral("keys"), QStringLiteral("list")}));
    QCOMPARE(listed.exitCode, 0);
    QVERIFY(!listed.out.contains(QLatin1StringView("osp_sk_")));
}

void TstCli::keysRevokeUnknownIdFails()
{
    const Run r = run(withDataDir({QStringLiteral("keys"), QStringLiteral("revoke"),
        QStringLiteral("00000000-0000-4000-8000-000000000000")}));
    QVERIFY(r.finished);
    QVERIFY(r.exitCode != 0);
}

void TstCli::keysListOfAnotherWorkspace()
{
    // A registered user's workspace with one key, written in-process before the binary runs.
    QString workspaceId;
    {
        auto engine = osc::Engine::open({m_dataDir->filePath(QStringLiteral("open-spanner.db")), false});
        QVERIFY(engine.ok());
        engine.value()->accounts().configure({osc::password::Cost::minimal(), {}});
        QVERIFY(engine.value()
                    ->accounts()
                    .registerUser(QStringLiteral("ada@example.com"), QStringLiteral("correct horse"),
                        osc::AccountService::Door::Console)
                    .ok());
        auto workspace = engine.value()->findWorkspace(QStringLiteral("ada's workspace"));
        QVERIFY(workspace.ok());
        workspaceId = workspace->id;
        osc::ApiKeyDraft draft;
        draft.name = QStringLiteral("adas-key");
        QVERIFY(engine.value()->apiKeys().create(workspaceId, draft).ok());
    }

    // The default stays the default workspace: the user's key is not in it.
    const Run plain = run(withDataDir({QStringLiteral("keys"), QStringLiteral("list")}));
    QCOMPARE(plain.exitCode, 0);
    QVERIFY2(!plain.out.contains(QLatin1StringView("adas-key")), qPrintable(plain.out));

    // By name and by id.
    for (const QString &wanted : {QStringLiteral("ada's workspace"), workspaceId}) {
        const Run listed = run(withDataDir(
            {QStringLiteral("keys"), QStringLiteral("list"), QStringLiteral("--workspace"), wanted}));
        QVERIFY(listed.finished);
        QVERIFY2(listed.exitCode == 0, qPrintable(listed.err));
        QVERIFY2(listed.out.contains(QLatin1StringView("adas-key")), qPrintable(listed.out));
    }

    // A key created there lands there, not in the default workspace.
    const Run created = run(withDataDir({QStringLiteral("keys"), QStringLiteral("create"),
        QStringLiteral("--name"), QStringLiteral("second"), QStringLiteral("--workspace"), workspaceId}));
    QVERIFY2(created.exitCode == 0, qPrintable(created.err));
    const Run again = run(withDataDir(
        {QStringLiteral("keys"), QStringLiteral("list"), QStringLiteral("--workspace"), workspaceId}));
    QVERIFY2(again.out.contains(QLatin1StringView("second")), qPrintable(again.out));
    QVERIFY(!run(withDataDir({QStringLiteral("keys"), QStringLiteral("list")}))
                 .out.contains(QLatin1StringView("second")));

    // An unknown workspace: exit 2, a clear message naming what exists, nothing on stdout.
    const Run unknown = run(withDataDir({QStringLiteral("keys"), QStringLiteral("list"),
        QStringLiteral("--workspace"), QStringLiteral("nope")}));
    QVERIFY(unknown.finished);
    QCOMPARE(unknown.exitCode, 2);
    QVERIFY2(unknown.err.contains(QLatin1StringView("unknown workspace \"nope\"")), qPrintable(unknown.err));
    QVERIFY2(unknown.err.contains(QLatin1StringView("ada's workspace")), qPrintable(unknown.err));
    QVERIFY(unknown.out.isEmpty());
}

void TstCli::badListenEnvironmentExitsTwo()
{
    QProcessEnvironment env = cleanEnvironment();
    env.insert(QStringLiteral("OPEN_SPANNER_HTTP_ADDR"), QStringLiteral("not-an-address"));
    const Run r = run(withDataDir({QStringLiteral("--headless")}), env, 10'000);
    QVERIFY2(r.finished, "the process kept running despite a bad OPEN_SPANNER_HTTP_ADDR");
    QCOMPARE(r.exitStatus, QProcess::NormalExit);
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains(QLatin1StringView("OPEN_SPANNER_HTTP_ADDR")), qPrintable(r.err));
}

void TstCli::takenGrpcAddressExitsOne()
{
    // An explicitly chosen gRPC address must bind: headless exits 1 rather than serve half the API.
    QTcpServer taken;
    QVERIFY(taken.listen(QHostAddress::LocalHost, 0));
    const Run r = run(withDataDir({QStringLiteral("--headless"), QStringLiteral("--listen"),
                          QStringLiteral("127.0.0.1:%1").arg(freePort()), QStringLiteral("--grpc-listen"),
                          QStringLiteral("127.0.0.1:%1").arg(taken.serverPort())}),
        cleanEnvironment(), 10'000);
    QVERIFY2(r.finished, "the process kept running on a taken gRPC address");
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains(QLatin1StringView("cannot listen for gRPC")), qPrintable(r.err));
}

void TstCli::unsupportedDriverExitsTwo()
{
    QProcessEnvironment env = cleanEnvironment();
    env.insert(QStringLiteral("OPEN_SPANNER_DB_DRIVER"), QStringLiteral("postgres"));
    const Run r = run(withDataDir({QStringLiteral("keys"), QStringLiteral("list")}), env, 10'000);
    QVERIFY(r.finished);
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains(QLatin1StringView("OPEN_SPANNER_DB_DRIVER")), qPrintable(r.err));
}

void TstCli::serveHeadless_data()
{
    QTest::addColumn<bool>("headlessFlag");
    QTest::newRow("--headless with QT_QPA_PLATFORM=offscreen") << true;
    QTest::newRow("no display → headless automatically") << false;
}

void TstCli::serveHeadless()
{
    QFETCH(bool, headlessFlag);

    const quint16 port = freePort();
    QVERIFY(port != 0);
    QProcessEnvironment env = cleanEnvironment();
    env.insert(QStringLiteral("OPEN_SPANNER_BOOTSTRAP_API_KEY"), kBootstrapKey);
    const quint16 grpcPort = freePort();
    QStringList args = withDataDir({QStringLiteral("--listen"), QStringLiteral("127.0.0.1:%1").arg(port),
        QStringLiteral("--grpc-listen"), QStringLiteral("127.0.0.1:%1").arg(grpcPort)});
    if (headlessFlag) {
        args.prepend(QStringLiteral("--headless"));
    } else {
        env.remove(QStringLiteral("DISPLAY"));
        env.remove(QStringLiteral("WAYLAND_DISPLAY"));
        env.remove(QStringLiteral("QT_QPA_PLATFORM"));
    }

    QProcess process;
    process.setProcessEnvironment(env);
    process.start(m_binary, args);
    QVERIFY(process.waitForStarted(10'000));
    const auto stopOnFailure = qScopeGuard([&] {
        if (process.state() != QProcess::NotRunning) {
            process.kill();
            process.waitForFinished(5'000);
        }
    });

    QNetworkAccessManager manager;
    manager.setProxy(QNetworkProxy::NoProxy);
    const QString base = QStringLiteral("http://127.0.0.1:%1").arg(port);

    // Poll /health until the server answers 204 (or the process dies).
    QElapsedTimer clock;
    clock.start();
    HttpResult health;
    while (clock.elapsed() < 20'000 && process.state() == QProcess::Running) {
        health = httpGet(manager, QUrl(base + QStringLiteral("/health")), {}, 1000);
        if (health.status == 204)
            break;
        QTest::qWait(100);
    }
    const QString startupErr = QString::fromUtf8(process.readAllStandardError());
    QVERIFY2(health.status == 204,
        qPrintable(QStringLiteral("no 204 from /health; state %1, stderr: %2")
                       .arg(int(process.state()))
                       .arg(startupErr)));
    QVERIFY(health.body.isEmpty());

    const HttpResult withKey
        = httpGet(manager, QUrl(base + QStringLiteral("/v1/meters")), kBootstrapKey.toLatin1());
    QCOMPARE(withKey.status, 200);
    QVERIFY2(withKey.body.contains("\"items\""), withKey.body.constData());

    const HttpResult withoutKey = httpGet(manager, QUrl(base + QStringLiteral("/v1/meters")));
    QCOMPARE(withoutKey.status, 401);
    QVERIFY2(withoutKey.body.contains("\"unauthorized\""), withoutKey.body.constData());

    const HttpResult wrongKey = httpGet(
        manager, QUrl(base + QStringLiteral("/v1/meters")), QByteArrayLiteral("osp_sk_wrongwrongwrongwrong"));
    QCOMPARE(wrongKey.status, 401);

    // SIGTERM → clean exit 0 within 10 s, "stopped" on stderr.
    process.terminate();
    QVERIFY2(process.waitForFinished(10'000), "did not stop within 10 s of SIGTERM");
    QCOMPARE(process.exitStatus(), QProcess::NormalExit);
    const QString err = startupErr + QString::fromUtf8(process.readAllStandardError());
    QVERIFY2(process.exitCode() == 0, qPrintable(err));
    QVERIFY2(err.contains(QLatin1StringView("stopped")), qPrintable(err));
    // Headless logs the gRPC address at start.
    QVERIFY2(err.contains(QStringLiteral("gRPC:     127.0.0.1:%1 (h2c)").arg(grpcPort)), qPrintable(err));
}

QTEST_GUILESS_MAIN(TstCli)
#include "tst_cli.moc"
