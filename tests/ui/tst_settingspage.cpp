#include "Engine.h"
#include "HttpServer.h"
#include "ServerControlAdapter.h"
#include "UiTestSupport.h"
#include "ui/MainWindow.h"
#include "ui/accounts/WorkspaceSwitcher.h"
#include "ui/common/Language.h"
#include "ui/common/PageHeader.h"
#include "ui/common/Theme.h"
#include "ui/server/ServerPage.h"
#include "ui/settings/AppSettings.h"
#include "ui/settings/SettingsPage.h"

#include <QApplication>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QSplitter>
#include <QStandardPaths>
#include <QStyle>
#include <QTemporaryDir>
#include <QtTest>

using namespace osc::testsupport;
using osc::ui::SettingsPage;

namespace {

// Picks `index` the way a user does, so QComboBox::activated fires.
void chooseIndex(QComboBox *combo, int index)
{
    combo->setFocus();
    while (combo->currentIndex() < index)
        QTest::keyClick(combo, Qt::Key_Down);
    while (combo->currentIndex() > index)
        QTest::keyClick(combo, Qt::Key_Up);
}

QString headerTitle(QWidget &page)
{
    return page.findChild<QLabel *>(QStringLiteral("pageTitle"))->text();
}

} // namespace

class TestSettingsPage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void dataFolderShown();
    void themeSwitchesPalette();
    void languageSwitchesLive();
    void listenAddressValidatedAndStored();
    void windowStateRestored();
};

void TestSettingsPage::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("OpenSpannerConsoleTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_settingspage"));
}

void TestSettingsPage::init()
{
    QSettings().clear();
}

void TestSettingsPage::cleanup()
{
    osc::ui::applyTheme(osc::ui::Theme::System);
    osc::ui::installLanguage(QStringLiteral("en"));
}

void TestSettingsPage::dataFolderShown()
{
    SettingsPage page;
    page.setDataPaths(QStringLiteral("/tmp/osc-data"), QStringLiteral("/tmp/osc-data/open-spanner.db"));
    QCOMPARE(
        page.findChild<QLabel *>(QStringLiteral("dataDirLabel"))->text(), QStringLiteral("/tmp/osc-data"));
    QCOMPARE(page.findChild<QLabel *>(QStringLiteral("databasePathLabel"))->text(),
        QStringLiteral("/tmp/osc-data/open-spanner.db"));
    QVERIFY(page.findChild<QPushButton *>(QStringLiteral("openDataFolderButton"))->isEnabled());
}

void TestSettingsPage::themeSwitchesPalette()
{
    SettingsPage page;
    page.setDataPaths(QStringLiteral("/home/ada/.local/share/OpenSpanner/open-spanner-console"),
        QStringLiteral("/home/ada/.local/share/OpenSpanner/open-spanner-console/open-spanner.db"));
    page.resize(900, 560);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    const QPalette systemPalette = QApplication::palette();
    const QString systemStyle = QApplication::style()->name();
    auto *theme = page.findChild<QComboBox *>(QStringLiteral("themeCombo"));
    QVERIFY(theme);
    QCOMPARE(theme->currentData().toString(), QStringLiteral("system"));

    chooseIndex(theme, 2);
    QCOMPARE(theme->currentData().toString(), QStringLiteral("dark"));
    QCOMPARE(QSettings().value(QStringLiteral("appearance/theme")).toString(), QStringLiteral("dark"));
    QCOMPARE(osc::ui::currentTheme(), osc::ui::Theme::Dark);
    QCOMPARE(QApplication::style()->name().toLower(), QStringLiteral("fusion"));
    QVERIFY(QApplication::palette().color(QPalette::Window).lightness() < 80);
    QTRY_VERIFY(page.palette().color(QPalette::Window).lightness() < 80); // widgets follow by a posted event
    // Muted labels keep following the palette: the muted colour of the dark palette, not the old one.
    auto *note = page.findChild<QLabel *>(QStringLiteral("listenAddressNote"));
    QTRY_COMPARE(note->palette().color(QPalette::WindowText),
        QApplication::palette().color(QPalette::PlaceholderText));
    saveScreenshot(page, QStringLiteral("settings-dark.png"));

    chooseIndex(theme, 1);
    QCOMPARE(QSettings().value(QStringLiteral("appearance/theme")).toString(), QStringLiteral("light"));
    QVERIFY(QApplication::palette().color(QPalette::Window).lightness() > 180);
    QTRY_COMPARE(note->palette().color(QPalette::WindowText),
        QApplication::palette().color(QPalette::PlaceholderText));

    chooseIndex(theme, 0);
    QCOMPARE(QApplication::style()->name(), systemStyle);
    QCOMPARE(QApplication::palette().color(QPalette::Window), systemPalette.color(QPalette::Window));
    QCOMPARE(osc::ui::settings::theme(), osc::ui::Theme::System);
}

void TestSettingsPage::languageSwitchesLive()
{
    SettingsPage page;
    page.setDataPaths(QStringLiteral("/home/ada/.local/share/OpenSpanner/open-spanner-console"),
        QStringLiteral("/home/ada/.local/share/OpenSpanner/open-spanner-console/open-spanner.db"));
    page.resize(900, 560);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    QCOMPARE(headerTitle(page), QStringLiteral("Settings"));
    auto *language = page.findChild<QComboBox *>(QStringLiteral("languageCombo"));
    QVERIFY(language);
    QCOMPARE(language->itemText(1), QStringLiteral("Deutsch"));

    chooseIndex(language, 1);
    QCOMPARE(QSettings().value(QStringLiteral("appearance/language")).toString(), QStringLiteral("de"));
    QCOMPARE(osc::ui::currentLanguage(), QStringLiteral("de"));
    QTRY_COMPARE(headerTitle(page), QStringLiteral("Einstellungen"));
    QCOMPARE(
        page.findChild<QComboBox *>(QStringLiteral("themeCombo"))->itemText(2), QStringLiteral("Dunkel"));
    // Language names never translate, so the way back is always readable.
    QCOMPARE(language->itemText(0), QStringLiteral("English"));
    saveScreenshot(page, QStringLiteral("settings-de.png"));

    chooseIndex(language, 0);
    QTRY_COMPARE(headerTitle(page), QStringLiteral("Settings"));
    QCOMPARE(osc::ui::settings::effectiveLanguage(), QStringLiteral("en"));
}

void TestSettingsPage::listenAddressValidatedAndStored()
{
    SettingsPage page;
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    QSignalSpy changed(&page, &SettingsPage::listenAddressChanged);
    auto *edit = page.findChild<QLineEdit *>(QStringLiteral("listenAddressEdit"));
    auto *error = page.findChild<QLabel *>(QStringLiteral("listenAddressError"));
    QVERIFY(edit && error);
    QVERIFY(page.findChild<QLabel *>(QStringLiteral("listenAddressNote"))
                ->text()
                .contains(QStringLiteral("next time")));

    edit->setFocus();
    QTest::keyClicks(edit, QStringLiteral("localhost"));
    QVERIFY(error->isVisible());
    QTest::keyClick(edit, Qt::Key_Return);
    QVERIFY(osc::ui::settings::listenAddress().isEmpty());
    QCOMPARE(changed.count(), 0);

    edit->clear();
    QTest::keyClicks(edit, QStringLiteral("127.0.0.1:19091"));
    QVERIFY(!error->isVisible());
    QTest::keyClick(edit, Qt::Key_Return);
    QCOMPARE(osc::ui::settings::listenAddress(), QStringLiteral("127.0.0.1:19091"));
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.first().first().toString(), QStringLiteral("127.0.0.1:19091"));

    const auto parsed = osc::ui::settings::parseListenAddress(QStringLiteral(":18081"));
    QVERIFY(parsed && parsed->address == QHostAddress::Any && parsed->port == 18081);
    QVERIFY(osc::ui::settings::parseListenAddress(QStringLiteral("[::1]:80")));
    QVERIFY(!osc::ui::settings::parseListenAddress(QStringLiteral("127.0.0.1:70000")));
}

void TestSettingsPage::windowStateRestored()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    auto opened = osc::Engine::open({dir.filePath(QStringLiteral("t.db")), true});
    QVERIFY(opened.ok());
    osc::Engine &engine = *opened.value();
    osc::http::HttpServer server(engine); // not started: the window works with a stopped server
    osc::app::ServerControlAdapter control(server);

    QList<int> eventsSizes;
    {
        osc::ui::MainWindow window(engine, control);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.resize(1400, 860); // the Usage page needs about 1300 px

        window.showPage(osc::ui::MainWindow::Page::Settings);
        auto *splitter = window.findChild<QSplitter *>(QStringLiteral("eventsSubjectsSplitter"));
        QVERIFY(splitter);
        const int total = splitter->sizes().value(0) + splitter->sizes().value(1);
        splitter->setSizes({total - 300, 300});
        eventsSizes = splitter->sizes();

        // A listen address chosen in Settings reaches the stopped server's address fields.
        auto *edit = window.settingsPage()->findChild<QLineEdit *>(QStringLiteral("listenAddressEdit"));
        edit->setText(QStringLiteral("127.0.0.1:19092"));
        QMetaObject::invokeMethod(edit, "editingFinished");
        QCOMPARE(window.serverPage()->findChild<QSpinBox *>(QStringLiteral("serverPort"))->value(), 19092);

        // The sidebar and page headers follow a language switch at once.
        osc::ui::installLanguage(QStringLiteral("de"));
        auto *sidebar = window.findChild<QListWidget *>(QStringLiteral("sidebar"));
        QTRY_COMPARE(
            sidebar->item(int(osc::ui::MainWindow::Page::Meters))->text(), QString::fromUtf8("Zähler"));
        QCOMPARE(
            sidebar->item(int(osc::ui::MainWindow::Page::Settings))->text(), QStringLiteral("Einstellungen"));
        QCOMPARE(headerTitle(*window.serverPage()), QStringLiteral("Server"));
        QCOMPARE(sidebar->item(int(osc::ui::MainWindow::Page::Accounts))->text(),
            QStringLiteral("Benutzer & Bereiche"));
        QTRY_COMPARE(window.workspaceSwitcher()->itemText(0), QStringLiteral("Standard-Arbeitsbereich"));
        QCOMPARE(window.findChild<QLabel *>(QStringLiteral("serverStatusLabel"))->text(),
            QStringLiteral("Server angehalten"));
        osc::ui::installLanguage(QStringLiteral("en"));
        QTRY_COMPARE(sidebar->item(int(osc::ui::MainWindow::Page::Meters))->text(), QStringLiteral("Meters"));
        window.close();
    }
    QVERIFY(QSettings().contains(QStringLiteral("mainWindow/geometry")));

    osc::ui::MainWindow again(engine, control);
    again.show();
    QVERIFY(QTest::qWaitForWindowExposed(&again));
    QCOMPARE(again.currentPage(), osc::ui::MainWindow::Page::Settings);
    QCOMPARE(again.size(), QSize(1400, 860));
    QCOMPARE(again.findChild<QSplitter *>(QStringLiteral("eventsSubjectsSplitter"))->sizes(), eventsSizes);
}

QTEST_MAIN(TestSettingsPage)
#include "tst_settingspage.moc"
