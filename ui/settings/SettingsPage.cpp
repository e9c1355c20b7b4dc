#include "ui/settings/SettingsPage.h"

#include "ui/common/Language.h"
#include "ui/common/PageHeader.h"
#include "ui/common/Theme.h"
#include "ui/settings/AppSettings.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDesktopServices>
#include <QDir>
#include <QEvent>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QUrl>
#include <QVBoxLayout>

namespace osc::ui {

namespace {

constexpr int kFieldWidth = 320;

QLabel *pathLabel(QWidget *parent, const QString &objectName)
{
    auto *label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->setWordWrap(true);
    return label;
}

} // namespace

SettingsPage::SettingsPage(QWidget *parent)
    : QWidget(parent)
{
    m_header = new PageHeader(QString(), QString(), this);
    for (QLabel *&caption : m_captions)
        caption = new QLabel(this);

    m_dataDir = pathLabel(this, QStringLiteral("dataDirLabel"));
    m_dataDir->setWordWrap(false); // a path broken at "/" reads badly next to its button
    m_database = pathLabel(this, QStringLiteral("databasePathLabel"));
    PageHeader::makeMuted(m_database);
    m_openFolder = new QPushButton(style()->standardIcon(QStyle::SP_DirOpenIcon), QString(), this);
    m_openFolder->setObjectName(QStringLiteral("openDataFolderButton"));
    m_openFolder->setEnabled(false); // until setDataPaths() says where
    auto *dataRow = new QHBoxLayout;
    dataRow->addWidget(m_dataDir);
    dataRow->addSpacing(8);
    dataRow->addWidget(m_openFolder);
    dataRow->addStretch(1);
    m_dataBox = new QGroupBox(this);
    m_dataGrid = new QGridLayout(m_dataBox);
    m_dataGrid->addWidget(m_captions[DataDirCaption], 0, 0);
    m_dataGrid->addLayout(dataRow, 0, 1);
    m_dataGrid->addWidget(m_captions[DatabaseCaption], 1, 0);
    m_dataGrid->addWidget(m_database, 1, 1);

    m_listen = new QLineEdit(settings::listenAddress(), this);
    m_listen->setObjectName(QStringLiteral("listenAddressEdit"));
    m_listen->setPlaceholderText(QStringLiteral("127.0.0.1:18081"));
    m_listen->setMaximumWidth(kFieldWidth);
    m_listen->setMinimumWidth(kFieldWidth);
    m_listenError = new QLabel(this);
    m_listenError->setObjectName(QStringLiteral("listenAddressError"));
    m_listenError->setStyleSheet(QStringLiteral("QLabel { color: #d63b3b; }"));
    m_listenError->hide();
    m_listenNote = new QLabel(this);
    m_listenNote->setObjectName(QStringLiteral("listenAddressNote"));
    m_listenNote->setWordWrap(true);
    PageHeader::makeMuted(m_listenNote);
    m_serverBox = new QGroupBox(this);
    // Grids, not QFormLayout: a form row gives a wrapped note the height of its narrowest layout, which
    // left gaps and clipped lines here.
    m_serverGrid = new QGridLayout(m_serverBox);
    m_serverGrid->addWidget(m_captions[ListenCaption], 0, 0);
    m_serverGrid->addWidget(m_listen, 0, 1, Qt::AlignLeft);
    m_serverGrid->addWidget(m_listenError, 1, 1);
    m_serverGrid->addWidget(m_listenNote, 2, 1);

    m_theme = new QComboBox(this);
    m_theme->setObjectName(QStringLiteral("themeCombo"));
    for (Theme theme : {Theme::System, Theme::Light, Theme::Dark})
        m_theme->addItem(QString(), themeKey(theme));
    m_theme->setCurrentIndex(m_theme->findData(themeKey(settings::theme())));
    m_theme->setMinimumWidth(200);
    m_theme->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
    m_language = new QComboBox(this);
    m_language->setObjectName(QStringLiteral("languageCombo"));
    // Named in their own language, and never translated: a user lost in a foreign UI still finds theirs.
    for (const QString &code : availableLanguages())
        m_language->addItem(languageDisplayName(code), code);
    m_language->setCurrentIndex(m_language->findData(currentLanguage()));
    m_language->setMinimumWidth(200);
    m_language->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
    m_languageNote = new QLabel(this);
    m_languageNote->setObjectName(QStringLiteral("languageNote"));
    m_languageNote->setWordWrap(true);
    PageHeader::makeMuted(m_languageNote);
    m_appearanceBox = new QGroupBox(this);
    m_appearanceGrid = new QGridLayout(m_appearanceBox);
    m_appearanceGrid->addWidget(m_captions[ThemeCaption], 0, 0);
    m_appearanceGrid->addWidget(m_theme, 0, 1, Qt::AlignLeft);
    m_appearanceGrid->addWidget(m_captions[LanguageCaption], 1, 0);
    m_appearanceGrid->addWidget(m_language, 1, 1, Qt::AlignLeft);
    m_appearanceGrid->addWidget(m_languageNote, 2, 1);

    m_alertNotifications = new QCheckBox(this);
    m_alertNotifications->setObjectName(QStringLiteral("alertNotificationsBox"));
    m_alertNotifications->setChecked(settings::alertNotifications());
    m_alertNotificationsNote = new QLabel(this);
    m_alertNotificationsNote->setWordWrap(true);
    PageHeader::makeMuted(m_alertNotificationsNote);
    m_notificationsBox = new QGroupBox(this);
    auto *notificationsLayout = new QVBoxLayout(m_notificationsBox);
    notificationsLayout->addWidget(m_alertNotifications);
    notificationsLayout->addWidget(m_alertNotificationsNote);

    for (QGridLayout *grid : {m_dataGrid, m_serverGrid, m_appearanceGrid}) {
        grid->setColumnStretch(1, 1);
        grid->setHorizontalSpacing(12);
    }

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_header);
    layout->addWidget(m_dataBox);
    layout->addWidget(m_serverBox);
    layout->addWidget(m_appearanceBox);
    layout->addWidget(m_notificationsBox);
    layout->addStretch(1);

    connect(m_openFolder, &QPushButton::clicked, this, &SettingsPage::openDataFolder);
    connect(m_theme, &QComboBox::activated, this, &SettingsPage::onThemeChosen);
    connect(m_alertNotifications, &QCheckBox::toggled, this, &settings::setAlertNotifications);
    connect(m_language, &QComboBox::activated, this, &SettingsPage::onLanguageChosen);
    connect(m_listen, &QLineEdit::editingFinished, this, &SettingsPage::onListenAddressEdited);
    connect(m_listen, &QLineEdit::textEdited, this, &SettingsPage::validateListenAddress);

    retranslateUi();
}

void SettingsPage::retranslateUi()
{
    m_header->setTitle(tr("Settings"));
    m_header->setDescription(tr("Preferences of this console, stored for your user account. Changes apply "
                                "at once."));
    m_dataBox->setTitle(tr("Data"));
    m_serverBox->setTitle(tr("REST server"));
    m_appearanceBox->setTitle(tr("Appearance"));
    m_notificationsBox->setTitle(tr("Notifications"));
    m_alertNotifications->setText(tr("Show a desktop notification when an alert rule triggers or resolves"));
    m_alertNotificationsNote->setText(
        tr("From the tray icon, while the console runs. Webhooks are sent either "
           "way; without a system tray nothing is shown."));
    m_captions[DataDirCaption]->setText(tr("Data folder:"));
    m_captions[DatabaseCaption]->setText(tr("Database:"));
    m_captions[ListenCaption]->setText(tr("Listen address:"));
    m_captions[ThemeCaption]->setText(tr("Theme:"));
    m_captions[LanguageCaption]->setText(tr("Language:"));
    // One caption column width for all three boxes, so their fields line up.
    int captionWidth = 0;
    for (QLabel *caption : m_captions)
        captionWidth = qMax(captionWidth, caption->sizeHint().width());
    for (QGridLayout *grid : {m_dataGrid, m_serverGrid, m_appearanceGrid})
        grid->setColumnMinimumWidth(0, captionWidth);
    m_openFolder->setText(tr("Open folder"));
    m_openFolder->setToolTip(tr("Show the data folder in the file manager"));
    m_listenNote->setText(tr("Used the next time the server starts: after Stop and Start on the Server page, "
                             "or when the console is launched again. The --listen flag and "
                             "OPEN_SPANNER_HTTP_ADDR take precedence. Empty means 127.0.0.1:18081; "
                             "\u201c:18081\u201d listens on every interface."));
    m_theme->setItemText(0, tr("System"));
    m_theme->setItemText(1, tr("Light"));
    m_theme->setItemText(2, tr("Dark"));
    m_languageNote->setText(tr("The sidebar, page titles and this page switch at once; buttons, tables "
                               "and messages of the other pages switch the next time the console starts."));
    if (m_dataDirPath.isEmpty())
        m_dataDir->setText(tr("(not known)"));
    validateListenAddress();
}

void SettingsPage::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
}

void SettingsPage::setDataPaths(const QString &dataDir, const QString &databasePath)
{
    m_dataDirPath = dataDir;
    m_dataDir->setText(QDir::toNativeSeparators(dataDir));
    m_database->setText(QDir::toNativeSeparators(databasePath));
    m_openFolder->setEnabled(!dataDir.isEmpty());
}

void SettingsPage::openDataFolder()
{
    if (!m_dataDirPath.isEmpty())
        QDesktopServices::openUrl(QUrl::fromLocalFile(m_dataDirPath));
}

void SettingsPage::onThemeChosen(int index)
{
    const Theme theme = themeFromKey(m_theme->itemData(index).toString());
    settings::setTheme(theme);
    applyTheme(theme);
}

void SettingsPage::onLanguageChosen(int index)
{
    const QString code = m_language->itemData(index).toString();
    settings::setLanguage(code);
    installLanguage(code); // every widget gets LanguageChange, this page included
}

void SettingsPage::validateListenAddress()
{
    const QString text = m_listen->text().trimmed();
    const bool valid = text.isEmpty() || settings::parseListenAddress(text).has_value();
    m_listenError->setText(
        valid ? QString() : tr("Use host:port, for example 127.0.0.1:18081, [::1]:18081 or :18081."));
    m_listenError->setVisible(!valid);
}

void SettingsPage::onListenAddressEdited()
{
    validateListenAddress();
    const QString text = m_listen->text().trimmed();
    if (!text.isEmpty() && !settings::parseListenAddress(text))
        return; // keep the last valid value stored; the error says what is wrong
    if (text == settings::listenAddress())
        return;
    settings::setListenAddress(text);
    Q_EMIT listenAddressChanged(text);
}

} // namespace osc::ui
