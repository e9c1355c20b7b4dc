// Issue 21: the data folder, the database with its WAL and the export files are for their owner only
// (0700 / 0600), also when an earlier version left them readable by every local user.

#include "Engine.h"
#include "core/PrivateFiles.h"
#include "demo/DemoData.h"
#include "export/ExportWorker.h"
#include "export/ExportWorkerPool.h"
#include "wire/ExportJson.h"

#include <QDir>
#include <QFile>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include <sys/stat.h>

namespace {

// The mode bits as the kernel has them (QFileInfo's permissions mix in the caller's access).
int modeOf(const QString &path)
{
    struct stat st
    { };
    if (::stat(QFile::encodeName(path).constData(), &st) != 0)
        return -1;
    return int(st.st_mode & 0777);
}

void makeReadable(const QString &path, bool dir)
{
    ::chmod(QFile::encodeName(path).constData(), dir ? 0755 : 0644);
}

} // namespace

class TstPrivateFiles : public QObject
{
    Q_OBJECT

private slots:
    void restrictAndEnsure();
    void newDatabaseIsOwnerOnly();
    void existingReadableDatabaseIsTightened();
    void exportArtifactsAreOwnerOnly();
};

void TstPrivateFiles::restrictAndEnsure()
{
    QTemporaryDir dir;
    const QString nested = dir.filePath(QStringLiteral("a/b"));
    QVERIFY(osc::privatefiles::ensureDir(nested));
    QCOMPARE(modeOf(nested), 0700);
    const QString file = dir.filePath(QStringLiteral("a/b/f"));
    QFile f(file);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.close();
    makeReadable(file, false);
    osc::privatefiles::restrictTree(nested);
    QCOMPARE(modeOf(file), 0600);
    osc::privatefiles::restrict(dir.filePath(QStringLiteral("missing"))); // nothing, no crash
}

void TstPrivateFiles::newDatabaseIsOwnerOnly()
{
    QTemporaryDir dir;
    const QString data = dir.filePath(QStringLiteral("data"));
    const QString db = data + QStringLiteral("/open-spanner.db");
    auto engine = osc::Engine::open({db, false});
    QVERIFY(engine.ok());
    QCOMPARE(modeOf(data), 0700);
    QCOMPARE(modeOf(db), 0600);
    QCOMPARE(modeOf(db + QStringLiteral("-wal")), 0600);
}

void TstPrivateFiles::existingReadableDatabaseIsTightened()
{
    QTemporaryDir dir;
    const QString data = dir.filePath(QStringLiteral("data"));
    const QString db = data + QStringLiteral("/open-spanner.db");
    {
        auto engine = osc::Engine::open({db, false});
        QVERIFY(engine.ok());
    }
    makeReadable(data, true);
    makeReadable(db, false);
    QCOMPARE(modeOf(db), 0644);
    auto engine = osc::Engine::open({db, false});
    QVERIFY(engine.ok());
    QCOMPARE(modeOf(data), 0700);
    QCOMPARE(modeOf(db), 0600);
}

void TstPrivateFiles::exportArtifactsAreOwnerOnly()
{
    QTemporaryDir dir;
    auto opened = osc::Engine::open({dir.filePath(QStringLiteral("data/open-spanner.db")), false});
    QVERIFY(opened.ok());
    osc::Engine &engine = *opened.value();
    osc::DemoDataOptions demo;
    demo.events = 200;
    demo.days = 1;
    QVERIFY(osc::generateDemoData(engine, demo).ok());
    const QString exports = engine.exports().settings().storageDir;
    // A file an earlier version wrote, readable by everyone, and the folder too.
    QVERIFY(QDir().mkpath(exports));
    QFile old(exports + QStringLiteral("/old.csv"));
    QVERIFY(old.open(QIODevice::WriteOnly));
    old.close();
    makeReadable(exports, true);
    makeReadable(old.fileName(), false);

    osc::ExportWorkerPool pool(engine.exportServices(), 0, 1000, {});
    pool.start(); // no worker threads; starting tightens what is there
    QCOMPARE(modeOf(exports), 0700);
    QCOMPARE(modeOf(old.fileName()), 0600);

    auto draft = osc::wire::exportJobDraftFromJson(QJsonObject{
        {"kind", "usage_events"}, {"format", "csv"}, {"query", QJsonObject{{"meter", "api_requests"}}}});
    QVERIFY(draft);
    auto job = engine.exports().create(engine.owner(), draft.value());
    QVERIFY(job);
    osc::ExportWorker worker(engine.exportServices());
    QVERIFY(worker.runOnce().value());
    auto done = engine.exports().get(engine.owner(), job->id);
    QVERIFY(done);
    QVERIFY(!done->artifactName.isEmpty());
    QCOMPARE(modeOf(exports + QLatin1Char('/') + done->artifactName), 0600);
}

QTEST_GUILESS_MAIN(TstPrivateFiles)
#include "tst_privatefiles.moc"
