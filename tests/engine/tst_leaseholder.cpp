// Export lease holders (issue 21): a holder is provably gone only when it ran on this host and its
// process (pid + start time) no longer exists or the host rebooted since; anything else keeps its lease.

#include "export/LeaseHolder.h"

#include <QCoreApplication>
#include <QProcess>
#include <QtTest>

using namespace osc;

class tst_LeaseHolder final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void currentProcessIsAlive();
    void holders_data();
    void holders();
    void exitedChildIsGone();
};

void tst_LeaseHolder::currentProcessIsAlive()
{
    const QString me = leaseholder::current();
    QCOMPARE(me.split('/').size(), 4);
    QVERIFY(!leaseholder::bootId().isEmpty()); // Linux: /proc/sys/kernel/random/boot_id
    QVERIFY(!leaseholder::processStart(QCoreApplication::applicationPid()).isEmpty());
    QVERIFY(!leaseholder::isProvablyGone(me));
}

void tst_LeaseHolder::holders_data()
{
    QTest::addColumn<QString>("holder");
    QTest::addColumn<bool>("gone");
    const QString host = leaseholder::hostName();
    const QString boot = leaseholder::bootId();
    const qint64 pid = QCoreApplication::applicationPid();
    const QString start = leaseholder::processStart(pid);
    QTest::newRow("this process") << QStringLiteral("%1/%2/%3/%4").arg(host, boot).arg(pid).arg(start)
                                  << false;
    QTest::newRow("pid reused (other start time)")
        << QStringLiteral("%1/%2/%3/%4").arg(host, boot).arg(pid).arg(start + "0") << true;
    // Linux pids stop at 4194304 (pid_max's ceiling): this one cannot exist.
    QTest::newRow("no such pid") << QStringLiteral("%1/%2/99999999/12345").arg(host, boot) << true;
    QTest::newRow("before a reboot") << QStringLiteral("%1/another-boot/%2/%3").arg(host).arg(pid).arg(start)
                                     << true;
    QTest::newRow("another host") << QStringLiteral("elsewhere@pid:[1]/%1/99999999/1").arg(boot) << false;
    QTest::newRow("empty (no holder recorded)") << QString() << false;
    QTest::newRow("garbage") << QStringLiteral("a/b") << false;
    QTest::newRow("pid not a number") << QStringLiteral("%1/%2/abc/1").arg(host, boot) << false;
    QTest::newRow("no start time") << QStringLiteral("%1/%2/%3/").arg(host, boot).arg(pid) << false;
}

void tst_LeaseHolder::holders()
{
    QFETCH(QString, holder);
    QFETCH(bool, gone);
    QCOMPARE(leaseholder::isProvablyGone(holder), gone);
}

void tst_LeaseHolder::exitedChildIsGone()
{
    QProcess child;
    child.start(QStringLiteral("sleep"), {QStringLiteral("30")});
    QVERIFY(child.waitForStarted());
    const qint64 pid = child.processId();
    const QString holder = QStringLiteral("%1/%2/%3/%4")
                               .arg(leaseholder::hostName(), leaseholder::bootId())
                               .arg(pid)
                               .arg(leaseholder::processStart(pid));
    QVERIFY(!leaseholder::isProvablyGone(holder));
    child.kill();
    QVERIFY(child.waitForFinished());
    QVERIFY(leaseholder::isProvablyGone(holder));
}

QTEST_GUILESS_MAIN(tst_LeaseHolder)
#include "tst_leaseholder.moc"
