#pragma once

#include <QWidget>

#include <array>

class QCheckBox;
class QComboBox;
class QGridLayout;
class QGroupBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace osc::ui {

class PageHeader;

// Preferences: where the data lives, the address the REST server listens on, theme and language. Every
// change is stored in QSettings at once (there is no Apply button); theme and language switch live.
class SettingsPage : public QWidget
{
    Q_OBJECT

public:
    explicit SettingsPage(QWidget *parent = nullptr);

    // Shown read-only; they come from --data-dir / --db or their defaults.
    void setDataPaths(const QString &dataDir, const QString &databasePath);
    QString dataDir() const { return m_dataDirPath; }
    QCheckBox *alertNotificationsBox() const { return m_alertNotifications; }

public Q_SLOTS:
    void openDataFolder();

Q_SIGNALS:
    // A valid listen address was saved; the Server page uses it for its next Start.
    void listenAddressChanged(const QString &text);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void onThemeChosen(int index);
    void onLanguageChosen(int index);
    void onListenAddressEdited();
    void validateListenAddress();

    enum Caption
    {
        DataDirCaption,
        DatabaseCaption,
        ListenCaption,
        ThemeCaption,
        LanguageCaption,
        CaptionCount
    };

    QString m_dataDirPath;
    std::array<QLabel *, CaptionCount> m_captions{};
    PageHeader *m_header = nullptr;
    QGroupBox *m_dataBox = nullptr;
    QGroupBox *m_serverBox = nullptr;
    QGroupBox *m_appearanceBox = nullptr;
    QGroupBox *m_notificationsBox = nullptr;
    QCheckBox *m_alertNotifications = nullptr;
    QLabel *m_alertNotificationsNote = nullptr;
    QGridLayout *m_dataGrid = nullptr;
    QGridLayout *m_serverGrid = nullptr;
    QGridLayout *m_appearanceGrid = nullptr;
    QLabel *m_dataDir = nullptr;
    QLabel *m_database = nullptr;
    QPushButton *m_openFolder = nullptr;
    QLineEdit *m_listen = nullptr;
    QLabel *m_listenNote = nullptr;
    QLabel *m_listenError = nullptr;
    QComboBox *m_theme = nullptr;
    QComboBox *m_language = nullptr;
    QLabel *m_languageNote = nullptr;
};

} // namespace osc::ui
