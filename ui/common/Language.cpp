#include "ui/common/Language.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

namespace osc::ui {

namespace {

const QString kEnglish = QStringLiteral("en");
const QString kGerman = QStringLiteral("de");

struct Translators
{
    QTranslator app;
    QTranslator qt;
    QString language = kEnglish;
};

Translators &translators()
{
    // Outlives every window; QCoreApplication only keeps pointers to installed translators.
    static Translators instance;
    return instance;
}

} // namespace

QStringList availableLanguages()
{
    return {kEnglish, kGerman};
}

QString languageDisplayName(const QString &code)
{
    if (code == kGerman)
        return QStringLiteral("Deutsch");
    return QStringLiteral("English");
}

QString languageForSystemLocale()
{
    return QLocale::system().language() == QLocale::German ? kGerman : kEnglish;
}

QString catalogPath(const QString &code)
{
    if (code == kGerman)
        return QStringLiteral(":/i18n/open-spanner-console_de.qm");
    return {};
}

bool installLanguage(const QString &code)
{
    Translators &t = translators();
    QCoreApplication::removeTranslator(&t.app);
    QCoreApplication::removeTranslator(&t.qt);
    const QString language = availableLanguages().contains(code) ? code : kEnglish;
    bool ok = true;
    if (language != kEnglish) {
        ok = t.app.load(catalogPath(language));
        if (ok) {
            // Optional: without qt6-translations-l10n, Qt's own buttons simply stay English.
            if (t.qt.load(
                    QStringLiteral("qtbase_") + language, QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
                QCoreApplication::installTranslator(&t.qt);
            QCoreApplication::installTranslator(&t.app);
        }
    }
    t.language = ok ? language : kEnglish;
    // Numbers and dates follow the interface language, so a German window does not show "1,234.5" and an
    // English one keeps the user's own (non-German) locale conventions.
    if (t.language == kGerman)
        QLocale::setDefault(QLocale(QLocale::German, QLocale::Germany));
    else if (QLocale::system().language() == QLocale::German)
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    else
        QLocale::setDefault(QLocale::system());
    return ok;
}

QString currentLanguage()
{
    return translators().language;
}

} // namespace osc::ui
