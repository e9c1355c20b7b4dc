#include "ui/common/Language.h"

#include <QFile>
#include <QRegularExpression>
#include <QSet>
#include <QTranslator>
#include <QXmlStreamReader>
#include <QtTest>

// The German catalogue: compiled into spanner_ui, translating what the window shows, and complete in the
// .ts (no unfinished, vanished or empty entries; placeholders kept), so lupdate + a German speaker's
// review is the only workflow needed.
class TestTranslations : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void compiledCatalogueTranslates_data();
    void compiledCatalogueTranslates();
    void tsFileIsComplete();
};

void TestTranslations::compiledCatalogueTranslates_data()
{
    QTest::addColumn<QString>("context");
    QTest::addColumn<QString>("source");
    QTest::addColumn<QString>("german");
    QTest::newRow("sidebar meters") << "osc::ui::MainWindow"
                                    << "Meters" << QString::fromUtf8("Zähler");
    QTest::newRow("sidebar settings") << "osc::ui::MainWindow"
                                      << "Settings"
                                      << "Einstellungen";
    QTest::newRow("settings title") << "osc::ui::SettingsPage"
                                    << "Settings"
                                    << "Einstellungen";
    QTest::newRow("theme dark") << "osc::ui::SettingsPage"
                                << "Dark"
                                << "Dunkel";
    QTest::newRow("server start") << "osc::ui::ServerPage"
                                  << "Start"
                                  << "Starten";
    QTest::newRow("demo data") << "osc::ui::MetersPage"
                               << "Load demo data"
                               << "Demodaten laden";
    QTest::newRow("placeholder kept") << "osc::ui::MainWindow"
                                      << "Serving on %1" << QString::fromUtf8("Bereit auf %1");
}

void TestTranslations::compiledCatalogueTranslates()
{
    QFETCH(QString, context);
    QFETCH(QString, source);
    QFETCH(QString, german);
    QTranslator translator;
    QVERIFY2(translator.load(osc::ui::catalogPath(QStringLiteral("de"))),
        qPrintable(osc::ui::catalogPath(QStringLiteral("de"))));
    QCOMPARE(translator.language(), QStringLiteral("de_DE"));
    QCOMPARE(translator.translate(context.toUtf8().constData(), source.toUtf8().constData()), german);
}

void TestTranslations::tsFileIsComplete()
{
    QFile file(QStringLiteral(OSC_TS_FILE));
    QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(file.fileName()));
    QXmlStreamReader xml(&file);
    static const QRegularExpression placeholder(QStringLiteral("%L?\\d"));
    auto placeholders = [](const QString &text) {
        QSet<QString> found;
        for (auto it = placeholder.globalMatch(text); it.hasNext();)
            found.insert(it.next().captured().remove(QLatin1Char('L')));
        return found;
    };

    int messages = 0;
    QString context;
    QString source;
    QStringList problems;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement())
            continue;
        if (xml.name() == QLatin1StringView("name")) {
            context = xml.readElementText();
        } else if (xml.name() == QLatin1StringView("source")) {
            source = xml.readElementText();
        } else if (xml.name() == QLatin1StringView("translation")) {
            ++messages;
            const QString type = xml.attributes().value(QLatin1StringView("type")).toString();
            const QString where = context + QStringLiteral(": \"") + source + QLatin1Char('"');
            if (!type.isEmpty()) {
                problems << type + QStringLiteral(" ") + where;
                xml.skipCurrentElement();
                continue;
            }
            QStringList forms;
            QString text;
            while (xml.readNext() != QXmlStreamReader::EndElement
                || xml.name() != QLatin1StringView("translation")) {
                if (xml.isCharacters())
                    text += xml.text();
                else if (xml.isStartElement() && xml.name() == QLatin1StringView("numerusform"))
                    forms << xml.readElementText();
            }
            const QStringList translations = forms.isEmpty() ? QStringList{text} : forms;
            for (const QString &translation : translations) {
                if (translation.trimmed().isEmpty())
                    problems << QStringLiteral("empty ") + where;
                else if (placeholders(translation) != placeholders(source))
                    problems << QStringLiteral("placeholders differ ") + where;
            }
        }
    }
    QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
    // The catalogue covers the whole window, not a handful of strings.
    QVERIFY2(messages > 300, qPrintable(QString::number(messages)));
}

QTEST_MAIN(TestTranslations)
#include "tst_translations.moc"
