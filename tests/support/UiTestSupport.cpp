#include "UiTestSupport.h"

#include <QComboBox>
#include <QCoreApplication>
#include <QDir>
#include <QTemporaryDir>
#include <QTest>
#include <QWidget>

namespace osc::testsupport {

void saveScreenshot(QWidget &widget, const QString &fileName)
{
    const QString dir = qEnvironmentVariable("OSC_SCREENSHOT_DIR");
    if (dir.isEmpty())
        return;
    QDir().mkpath(dir);
    QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
    QVERIFY2(widget.grab().save(QDir(dir).filePath(fileName)), qPrintable(fileName));
}

std::unique_ptr<Engine> openEngine(const QTemporaryDir &dir)
{
    auto opened = Engine::open({dir.filePath(QStringLiteral("t.db")), false});
    if (!opened.ok())
        qFatal("cannot open engine: %s", qPrintable(opened.error().message));
    return std::move(opened.value());
}

bool selectData(QComboBox *combo, const QVariant &data)
{
    const int index = combo->findData(data);
    if (index < 0)
        return false;
    combo->setCurrentIndex(index);
    return true;
}

} // namespace osc::testsupport
