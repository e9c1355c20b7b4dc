#pragma once

#include <QString>
#include <QStringList>

namespace osc::ui {

// The console's interface language. The German catalogue is compiled into the binary
// (":/i18n/open-spanner-console_de.qm"); Qt's own strings (standard buttons, dialogs) come from Debian's
// qtbase_<lang>.qm when it is installed.

// Codes offered in Settings, in display order: "en", "de".
QStringList availableLanguages();
// "English", "Deutsch": each language named in itself, so a user who cannot read the current one finds
// theirs.
QString languageDisplayName(const QString &code);
// The offered language closest to the system locale; English when none matches.
QString languageForSystemLocale();
// Resource path of the compiled catalogue for `code` (empty for English, the source language).
QString catalogPath(const QString &code);

// Installs the translators for `code` (replacing the previous ones) and sets the default QLocale, so
// every widget gets a LanguageChange event. Returns false when the catalogue cannot be loaded; the
// interface then stays English.
bool installLanguage(const QString &code);
// The language installed last ("en" before any call).
QString currentLanguage();

} // namespace osc::ui
