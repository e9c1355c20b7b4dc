#include "DemoCommand.h"

#include "demo/DemoData.h"

#include <QElapsedTimer>
#include <QTextStream>

namespace osc::app {

namespace {

bool readPositive(const QStringList &args, const QString &name, qint64 &target, QTextStream &err)
{
    const QString prefix = QStringLiteral("--%1=").arg(name);
    for (const QString &arg : args) {
        if (!arg.startsWith(prefix))
            continue;
        bool ok = false;
        const qint64 value = arg.mid(prefix.size()).toLongLong(&ok);
        if (!ok || value <= 0) {
            err << "error: --" << name << " must be a positive integer\n";
            return false;
        }
        target = value;
    }
    return true;
}

} // namespace

int runDemoCommand(Engine &engine, const QStringList &args)
{
    QTextStream err(stderr);
    DemoDataOptions options;
    qint64 days = options.days;
    qint64 subjects = options.subjects;
    if (!readPositive(args, QStringLiteral("events"), options.events, err)
        || !readPositive(args, QStringLiteral("days"), days, err)
        || !readPositive(args, QStringLiteral("subjects"), subjects, err))
        return 2;
    for (const QString &arg : args)
        if (arg.startsWith(QLatin1StringView("--meter=")))
            options.onlyMeter = arg.mid(8);
    options.days = int(std::min<qint64>(days, 3650));
    options.subjects = int(std::min<qint64>(subjects, 1'000'000));
    QElapsedTimer timer;
    timer.start();
    qint64 lastReport = 0;
    auto summary = generateDemoData(engine, options, [&](qint64 written) {
        if (written - lastReport >= 100'000) {
            lastReport = written;
            err << "  " << written << " events…\n";
            err.flush();
        }
        return true;
    });
    if (!summary) {
        err << "error: " << summary.error().message << '\n';
        return 1;
    }
    const double seconds = std::max<qint64>(1, timer.elapsed()) / 1000.0;
    err << "Demo data: " << summary->metersCreated << " meters created, " << summary->eventsWritten
        << " events written over the last " << options.days << " days in " << QString::number(seconds, 'f', 1)
        << " s (" << qint64(summary->eventsWritten / seconds) << " events/s)\n";
    return 0;
}

} // namespace osc::app
