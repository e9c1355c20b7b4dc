#include "LeaseHolder.h"

#include <QCoreApplication>
#include <QFile>
#include <QStringList>
#include <QSysInfo>

namespace osc::leaseholder {

namespace {

QByteArray readSmallFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.read(4096);
}

} // namespace

QString hostName()
{
    // With the pid namespace: two containers with one host name (and one kernel, so one boot id) do
    // not see each other's pids, so neither may judge the other's.
    static const QString name = QSysInfo::machineHostName() + QLatin1Char('@')
        + QFile::symLinkTarget(QStringLiteral("/proc/self/ns/pid")).section(QLatin1Char('/'), -1);
    return name;
}

QString bootId()
{
    static const QString id
        = QString::fromLatin1(readSmallFile(QStringLiteral("/proc/sys/kernel/random/boot_id")).trimmed());
    return id;
}

QString processStart(qint64 pid)
{
    // Field 22 of /proc/<pid>/stat; the command name (field 2) is in parentheses and may hold spaces,
    // so counting starts after its closing parenthesis.
    const QByteArray stat = readSmallFile(QStringLiteral("/proc/%1/stat").arg(pid));
    const qsizetype close = stat.lastIndexOf(')');
    if (close < 0)
        return {};
    const QList<QByteArray> fields = stat.mid(close + 2).split(' ');
    constexpr int kStartTimeAfterName = 22 - 3; // fields 3.. follow the name
    if (fields.size() <= kStartTimeAfterName)
        return {};
    return QString::fromLatin1(fields.at(kStartTimeAfterName));
}

QString current()
{
    const qint64 pid = QCoreApplication::applicationPid();
    return QStringLiteral("%1/%2/%3/%4").arg(hostName(), bootId()).arg(pid).arg(processStart(pid));
}

bool isProvablyGone(const QString &holder)
{
    const QStringList parts = holder.split(QLatin1Char('/'));
    if (parts.size() != 4 || parts.at(0) != hostName() || bootId().isEmpty() || parts.at(1).isEmpty())
        return false;
    if (parts.at(1) != bootId())
        return true; // this host rebooted since: every process of before is gone
    bool ok = false;
    const qint64 pid = parts.at(2).toLongLong(&ok);
    if (!ok || pid <= 0 || parts.at(3).isEmpty())
        return false;
    const QString start = processStart(pid);
    return start.isEmpty() || start != parts.at(3);
}

} // namespace osc::leaseholder
