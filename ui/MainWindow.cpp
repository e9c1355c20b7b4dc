#include "ui/MainWindow.h"

#include "Engine.h"
#include "ui/accounts/AccountsPage.h"
#include "ui/accounts/WorkspaceSwitcher.h"
#include "ui/alerts/AlertsPage.h"
#include "ui/common/WorkspaceContext.h"
#include "ui/events/EventsPage.h"
#include "ui/exports/ExportsPage.h"
#include "ui/keys/ApiKeysPage.h"
#include "ui/meters/MetersPage.h"
#include "ui/overview/OverviewPage.h"
#include "ui/plans/PlansPage.h"
#include "ui/server/ServerControl.h"
#include "ui/server/ServerPage.h"
#include "ui/settings/AppSettings.h"
#include "ui/settings/SettingsPage.h"
#include "ui/usage/UsagePage.h"

#include <QAction>
#include <QCloseEvent>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QMetaEnum>
#include <QSettings>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QToolBar>
#include <QVBoxLayout>

namespace osc::ui {

namespace {

constexpr int kSidebarWidth = 184;
const QString kGeometryKey = QStringLiteral("mainWindow/geometry");
const QString kStateKey = QStringLiteral("mainWindow/state");
const QString kPageKey = QStringLiteral("mainWindow/page");
const QString kSplitterKey = QStringLiteral("mainWindow/splitters/%1");

} // namespace

MainWindow::MainWindow(Engine &engine, ServerControl &server, QWidget *parent)
    : QMainWindow(parent)
    , m_server(server)
{
    setObjectName(QStringLiteral("mainWindow"));

    m_sidebar = new QListWidget(this);
    m_sidebar->setObjectName(QStringLiteral("sidebar"));
    m_sidebar->setFixedWidth(kSidebarWidth - 12);
    m_sidebar->setFrameShape(QFrame::NoFrame);
    m_sidebar->setIconSize(QSize(18, 18));
    m_sidebar->setSpacing(1);
    m_sidebar->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_sidebar->setEditTriggers(QAbstractItemView::NoEditTriggers);
    // The sidebar sits on the window colour so it reads as navigation, not as a data list.
    QPalette sidebarPalette; // only Base is set, so the rest follows theme switches
    sidebarPalette.setColor(QPalette::Base, palette().color(QPalette::Window));
    m_sidebar->setPalette(sidebarPalette);

    m_pages = new QStackedWidget(this);
    m_pages->setObjectName(QStringLiteral("pages"));

    // The remembered workspace, checked by the switcher once the list arrives (gone → the default).
    const QString stored = settings::workspaceId();
    m_workspace = new WorkspaceContext(stored.isEmpty() ? engine.defaultWorkspaceId() : stored, this);
    connect(m_workspace, &WorkspaceContext::workspaceChanged, this, &settings::setWorkspaceId);

    m_overviewPage = new OverviewPage(engine, *m_workspace, server, this);
    m_metersPage = new MetersPage(engine, *m_workspace, this);
    m_usagePage = new UsagePage(engine, *m_workspace, this);
    m_eventsPage = new EventsPage(engine, *m_workspace, this);
    m_plansPage = new PlansPage(engine, *m_workspace, this);
    m_alertsPage = new AlertsPage(engine, *m_workspace, this);
    m_apiKeysPage = new ApiKeysPage(engine, *m_workspace, this);
    m_accountsPage = new AccountsPage(engine, this);
    m_serverPage = new ServerPage(server, engine, this);
    m_settingsPage = new SettingsPage(this);
    m_exportsPage = new ExportsPage(engine, *m_workspace, this);

    addPage(Page::Overview, QStyle::SP_ComputerIcon, m_overviewPage);
    addPage(Page::Meters, QStyle::SP_FileDialogDetailedView, m_metersPage);
    addPage(Page::Usage, QStyle::SP_FileDialogContentsView, m_usagePage);
    addPage(Page::Events, QStyle::SP_FileDialogListView, m_eventsPage);
    addPage(Page::Plans, QStyle::SP_DriveHDIcon, m_plansPage);
    addPage(Page::Alerts, QStyle::SP_MessageBoxWarning, m_alertsPage);
    addPage(Page::Exports, QStyle::SP_DialogSaveButton, m_exportsPage);
    addPage(Page::ApiKeys, QStyle::SP_DialogApplyButton, m_apiKeysPage);
    addPage(Page::Accounts, QStyle::SP_DirHomeIcon, m_accountsPage);
    addPage(Page::Server, QStyle::SP_DriveNetIcon, m_serverPage);
    addPage(Page::Settings, QStyle::SP_FileDialogInfoView, m_settingsPage);

    auto *brand = m_brand = new QLabel(this);
    brand->setObjectName(QStringLiteral("sidebarTitle"));
    QFont brandFont = brand->font();
    brandFont.setBold(true);
    brand->setFont(brandFont);
    brand->setContentsMargins(6, 0, 0, 0);
    auto *navigation = new QWidget(this);
    navigation->setFixedWidth(kSidebarWidth);
    auto *navigationLayout = new QVBoxLayout(navigation);
    navigationLayout->setContentsMargins(6, 12, 6, 6);
    navigationLayout->setSpacing(10);
    navigationLayout->addWidget(brand);
    navigationLayout->addWidget(m_sidebar, 1);

    auto *central = new QWidget(this);
    auto *row = new QHBoxLayout(central);
    row->setContentsMargins(0, 0, 0, 0);
    row->setSpacing(0);
    row->addWidget(navigation);
    auto *divider = new QFrame(central);
    divider->setFrameShape(QFrame::VLine);
    divider->setFrameShadow(QFrame::Sunken);
    row->addWidget(divider);
    row->addWidget(m_pages, 1);
    setCentralWidget(central);

    m_switcher = new WorkspaceSwitcher(engine, *m_workspace, this);
    m_switcherLabel = new QLabel(this);
    m_switcherLabel->setBuddy(m_switcher);
    m_switcherLabel->setContentsMargins(8, 0, 4, 0);
    m_header = new QToolBar(this);
    m_header->setObjectName(QStringLiteral("workspaceToolBar"));
    m_header->setMovable(false);
    m_header->setFloatable(false);
    m_header->toggleViewAction()->setVisible(false); // the switcher is not optional
    m_header->addWidget(m_switcherLabel);
    m_header->addWidget(m_switcher);
    addToolBar(Qt::TopToolBarArea, m_header);
    // A user added on Users & workspaces brings a workspace of their own.
    connect(m_accountsPage, &AccountsPage::workspacesChanged, m_switcher, &WorkspaceSwitcher::reload);

    m_serverStatus = new QLabel(this);
    m_serverStatus->setObjectName(QStringLiteral("serverStatusLabel"));
    m_serverStatus->setContentsMargins(6, 0, 6, 0);
    statusBar()->addPermanentWidget(m_serverStatus);
    // Emitted on whichever thread starts or stops the server.
    connect(&server, &ServerControl::listeningChanged, this, &MainWindow::updateServerStatus,
        Qt::QueuedConnection);

    auto *refreshAction = new QAction(tr("Refresh"), this);
    refreshAction->setObjectName(QStringLiteral("refreshAction"));
    QList<QKeySequence> refreshKeys{QKeySequence(Qt::Key_F5)};
    for (const QKeySequence &key : QKeySequence::keyBindings(QKeySequence::Refresh))
        if (!refreshKeys.contains(key))
            refreshKeys.append(key);
    refreshAction->setShortcuts(refreshKeys);
    refreshAction->setShortcutContext(Qt::WindowShortcut);
    connect(refreshAction, &QAction::triggered, this, &MainWindow::refreshCurrentPage);
    addAction(refreshAction);

    // The Overview's tiles open the page behind them.
    connect(m_overviewPage, &OverviewPage::usageRequested, this,
        [this](const QString &meter, const QString &subject) {
            if (!meter.isEmpty())
                m_usagePage->setMeter(meter);
            m_usagePage->setSubject(subject);
            showPage(Page::Usage);
        });
    connect(m_overviewPage, &OverviewPage::metersRequested, this, [this] { showPage(Page::Meters); });
    connect(m_overviewPage, &OverviewPage::serverRequested, this, [this] { showPage(Page::Server); });
    connect(m_overviewPage, &OverviewPage::exportsRequested, this, [this] { showPage(Page::Exports); });

    // "Open usage" on a subject of the Events page charts that subject (on the meter shown there, if any).
    connect(m_eventsPage, &EventsPage::openUsageRequested, this,
        [this](const QString &subject, const QString &meter) {
            if (!meter.isEmpty())
                m_usagePage->setMeter(meter);
            m_usagePage->setSubject(subject);
            showPage(Page::Usage);
        });

    // "Export…" on the Usage page: the New export dialog with that view; once queued, follow it on Exports.
    connect(m_usagePage, &UsagePage::exportRequested, this,
        [this](const ExportPreset &preset) { m_exportsPage->openNewExportDialog(preset); });
    connect(m_exportsPage, &ExportsPage::exportQueued, this, [this] { showPage(Page::Exports); });

    // Demo data loaded from the Meters page's empty state: the other pages list meters too.
    connect(m_metersPage, &MetersPage::demoDataLoaded, this, [this] {
        m_overviewPage->refresh();
        m_usagePage->refresh();
        m_eventsPage->refresh();
        m_plansPage->refresh();
        m_alertsPage->refresh();
    });
    connect(m_settingsPage, &SettingsPage::listenAddressChanged, this, [this](const QString &text) {
        const QString effective = text.isEmpty() ? QStringLiteral("127.0.0.1:18081") : text;
        if (const auto parsed = settings::parseListenAddress(effective))
            m_serverPage->setPlannedAddress(parsed->address, parsed->port);
    });

    connect(m_sidebar, &QListWidget::currentRowChanged, this, &MainWindow::onSidebarRowChanged);
    m_sidebar->setCurrentRow(int(Page::Overview)); // the start page: what is happening now

    retranslateUi();
    resize(1180, 760);
    restoreWindowState();
}

void MainWindow::retranslateUi()
{
    setWindowTitle(tr("Open Spanner Console"));
    m_brand->setText(tr("Open Spanner Console"));
    m_switcherLabel->setText(tr("&Workspace:"));
    m_header->setWindowTitle(tr("Workspace"));
    const QStringList titles{tr("Overview"), tr("Meters"), tr("Usage"), tr("Events"), tr("Plans"),
        tr("Alerts"), tr("Exports"), tr("API keys"), tr("Users & workspaces"), tr("Server"), tr("Settings")};
    for (int row = 0; row < m_sidebar->count() && row < titles.size(); ++row)
        m_sidebar->item(row)->setText(titles[row]);
    updateServerStatus(m_server.isListening(), m_server.listenAddress());
}

void MainWindow::changeEvent(QEvent *event)
{
    QMainWindow::changeEvent(event);
    if (event->type() == QEvent::LanguageChange) {
        retranslateUi();
    } else if (event->type() == QEvent::PaletteChange) {
        // The sidebar sits on the window colour; take it again from the new palette.
        QPalette sidebarPalette;
        sidebarPalette.setColor(QPalette::Base, palette().color(QPalette::Window));
        m_sidebar->setPalette(sidebarPalette);
    }
}

MainWindow::~MainWindow() = default;

void MainWindow::addPage(Page page, QStyle::StandardPixmap icon, QWidget *widget)
{
    Q_ASSERT(m_pages->count() == int(page));
    // Titles are set (and reset on a language switch) by retranslateUi().
    auto *item = new QListWidgetItem(style()->standardIcon(icon), QString(), m_sidebar);
    item->setSizeHint(QSize(kSidebarWidth - 16, 32));
    item->setData(Qt::UserRole, int(page));
    m_pages->addWidget(widget);
}

void MainWindow::showPage(Page page)
{
    m_sidebar->setCurrentRow(int(page));
}

MainWindow::Page MainWindow::currentPage() const
{
    return Page(m_pages->currentIndex());
}

void MainWindow::refreshCurrentPage()
{
    switch (currentPage()) {
    case Page::Overview:
        m_overviewPage->refresh();
        break;
    case Page::Meters:
        m_metersPage->refresh();
        break;
    case Page::Usage:
        m_usagePage->refresh();
        break;
    case Page::Events:
        m_eventsPage->refresh();
        break;
    case Page::Plans:
        m_plansPage->refresh();
        break;
    case Page::Alerts:
        m_alertsPage->refresh();
        break;
    case Page::Exports:
        m_exportsPage->refresh();
        break;
    case Page::ApiKeys:
        m_apiKeysPage->refresh();
        break;
    case Page::Accounts:
        m_accountsPage->refresh();
        m_switcher->reload();
        break;
    default:
        break;
    }
}

void MainWindow::onSidebarRowChanged(int row)
{
    if (row < 0 || row >= m_pages->count()) {
        // Keep a page selected: clicking empty sidebar space must not leave the highlight nowhere.
        m_sidebar->setCurrentRow(m_pages->currentIndex());
        return;
    }
    const bool changed = row != m_pages->currentIndex();
    // A stack is as wide as its widest page; hidden pages are Ignored, so the window can be as narrow as
    // the page on show allows (Users & workspaces fits 1024 px; Usage, with its long control row, does not).
    for (int index = 0; index < m_pages->count(); ++index)
        m_pages->widget(index)->setSizePolicy(index == row
                ? QSizePolicy(QSizePolicy::Preferred, QSizePolicy::Preferred)
                : QSizePolicy(QSizePolicy::Ignored, QSizePolicy::Ignored));
    m_pages->setCurrentIndex(row);
    // Data pages reload when you come back to them: the REST API may have changed things meanwhile.
    if (changed)
        refreshCurrentPage();
}

void MainWindow::updateServerStatus(bool listening, const QString &address)
{
    if (listening) {
        m_serverStatus->setText(tr("Serving on %1").arg(address));
        m_serverStatus->setToolTip(tr("The REST API is accepting requests"));
    } else {
        m_serverStatus->setText(tr("Server stopped"));
        m_serverStatus->setToolTip(tr("Start it on the Server page"));
    }
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveWindowState();
    QMainWindow::closeEvent(event);
}

void MainWindow::restoreWindowState()
{
    QSettings settings;
    restoreGeometry(settings.value(kGeometryKey).toByteArray());
    restoreState(settings.value(kStateKey).toByteArray());
    // Splitters inside pages carry object names; unnamed ones (inside reusable widgets) are not kept.
    for (QSplitter *splitter : findChildren<QSplitter *>())
        if (!splitter->objectName().isEmpty())
            splitter->restoreState(settings.value(kSplitterKey.arg(splitter->objectName())).toByteArray());
    // By name: a page added to the sidebar must not move everyone's last page one row down. A number
    // (as stored before Users & workspaces existed) names no page and is ignored.
    bool ok = false;
    const int page = QMetaEnum::fromType<Page>().keyToValue(
        settings.value(kPageKey).toString().toLatin1().constData(), &ok);
    if (ok && page >= 0 && page < m_pages->count())
        showPage(Page(page));
}

void MainWindow::saveWindowState() const
{
    QSettings settings;
    settings.setValue(kGeometryKey, saveGeometry());
    settings.setValue(kStateKey, saveState());
    settings.setValue(
        kPageKey, QString::fromLatin1(QMetaEnum::fromType<Page>().valueToKey(int(currentPage()))));
    for (QSplitter *splitter : findChildren<QSplitter *>())
        if (!splitter->objectName().isEmpty())
            settings.setValue(kSplitterKey.arg(splitter->objectName()), splitter->saveState());
}

} // namespace osc::ui
