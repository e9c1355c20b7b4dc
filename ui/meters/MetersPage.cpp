#include "ui/meters/MetersPage.h"

#include "Engine.h"
#include "ui/common/AsyncRunner.h"
#include "ui/common/DisplayFormat.h"
#include "ui/common/InlineErrorLabel.h"
#include "ui/common/PageHeader.h"
#include "ui/common/WorkspaceContext.h"
#include "ui/meters/DemoDataLoader.h"
#include "ui/meters/MeterEditorDialog.h"
#include "ui/meters/MeterErrorText.h"
#include "ui/meters/MeterTableModel.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QStackedWidget>
#include <QTableView>
#include <QTime>
#include <QVBoxLayout>

#include <limits>

namespace osc::ui {

namespace {

struct MeterSnapshot
{
    QList<Meter> meters;
    QList<MeterUsageStats> stats;
};

// Follows next_cursor until the last page. The page cap only guards against a cursor that never ends.
template <typename T, typename FetchPage> Result<QList<T>> fetchAllPages(FetchPage fetchPage)
{
    constexpr int kMaxPages = 10'000;
    QList<T> all;
    QString cursor;
    for (int pageNumber = 0; pageNumber < kMaxPages; ++pageNumber) {
        Result<Page<T>> page = fetchPage(cursor);
        if (!page)
            return page.error();
        all += page->items;
        if (!page->nextCursor || page->nextCursor->isEmpty() || *page->nextCursor == cursor)
            break;
        cursor = *page->nextCursor;
    }
    return all;
}

// Runs on a worker thread.
Result<MeterSnapshot> loadMeterSnapshot(Engine &engine, const Principal &owner)
{
    MeterCatalog &catalog = engine.meters();
    auto meters = fetchAllPages<Meter>(
        [&](const QString &cursor) { return catalog.list(owner, {}, MeterCatalog::kMaxPageSize, cursor); });
    if (!meters)
        return meters.error();
    auto stats = fetchAllPages<MeterUsageStats>(
        [&](const QString &cursor) { return catalog.stats(owner, MeterCatalog::kMaxPageSize, cursor); });
    if (!stats)
        return stats.error();
    return MeterSnapshot{std::move(meters.value()), std::move(stats.value())};
}

} // namespace

MetersPage::MetersPage(Engine &engine, WorkspaceContext &workspace, QWidget *parent)
    : QWidget(parent)
    , m_engine(engine)
    , m_workspace(workspace)
{
    m_loader = new AsyncRunner(this);
    m_commands = new AsyncRunner(this);
    m_model = new MeterTableModel(this);
    m_proxy = new QSortFilterProxyModel(this);
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(MeterTableModel::SortRole);
    m_proxy->setFilterKeyColumn(-1);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);

    m_demoOptions.events = 20'000;
    m_demoOptions.days = 30;
    m_demoOptions.subjects = 50;
    m_demoLoader = new DemoDataLoader(engine, this);

    m_header = new PageHeader(QString(), QString(), this);
    retranslateHeader();
    m_filter = new QLineEdit(this);
    m_filter->setObjectName(QStringLiteral("metersFilter"));
    m_filter->setPlaceholderText(tr("Filter meters…"));
    m_filter->setClearButtonEnabled(true);
    m_filter->setMinimumWidth(200);
    m_refreshButton = new QPushButton(style()->standardIcon(QStyle::SP_BrowserReload), tr("Refresh"), this);
    m_refreshButton->setObjectName(QStringLiteral("metersRefreshButton"));
    m_refreshButton->setToolTip(tr("Reload the meters (F5)"));
    m_newButton = new QPushButton(tr("New meter…"), this);
    m_newButton->setObjectName(QStringLiteral("newMeterButton"));
    m_newButton->setToolTip(tr("Define a new meter"));
    m_editButton = new QPushButton(tr("Edit…"), this);
    m_editButton->setObjectName(QStringLiteral("editMeterButton"));
    m_editButton->setToolTip(tr("Change the selected meter (or double-click it)"));
    m_deleteButton = new QPushButton(tr("Delete…"), this);
    m_deleteButton->setObjectName(QStringLiteral("deleteMeterButton"));
    m_deleteButton->setToolTip(tr("Delete the selected meter; only meters without events can go"));
    m_header->addTrailingWidget(m_filter);
    m_header->addTrailingWidget(m_newButton);
    m_header->addTrailingWidget(m_editButton);
    m_header->addTrailingWidget(m_deleteButton);
    m_header->addTrailingWidget(m_refreshButton);

    m_error = new InlineErrorLabel(this);
    m_error->setObjectName(QStringLiteral("metersError"));

    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("metersTable"));
    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(MeterTableModel::NameColumn, Qt::AscendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->setShowGrid(false);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->setVisible(false);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);

    m_emptyState = new QWidget(this);
    m_placeholder = new QLabel(m_emptyState);
    m_placeholder->setObjectName(QStringLiteral("metersEmptyState"));
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setWordWrap(true);
    m_placeholder->setMargin(12);
    PageHeader::makeMuted(m_placeholder);
    m_createFirstButton = new QPushButton(tr("Create a meter…"), m_emptyState);
    m_createFirstButton->setObjectName(QStringLiteral("createFirstMeterButton"));
    m_createFirstButton->setDefault(true);
    m_demoButton = new QPushButton(tr("Load demo data"), m_emptyState);
    m_demoButton->setObjectName(QStringLiteral("loadDemoDataButton"));
    m_demoButton->setToolTip(tr("Seven sample meters and %1 events from %2 subjects over the last %3 days")
                                 .arg(QLocale().toString(m_demoOptions.events))
                                 .arg(m_demoOptions.subjects)
                                 .arg(m_demoOptions.days));
    m_demoProgress = new QProgressBar(m_emptyState);
    m_demoProgress->setObjectName(QStringLiteral("demoDataProgress"));
    m_demoProgress->setMaximumWidth(360);
    m_demoProgress->setMinimumWidth(280);
    m_demoProgress->hide();
    auto *emptyButtons = new QHBoxLayout;
    emptyButtons->addStretch(1);
    emptyButtons->addWidget(m_createFirstButton);
    emptyButtons->addWidget(m_demoButton);
    emptyButtons->addStretch(1);
    auto *progressRow = new QHBoxLayout;
    progressRow->addStretch(1);
    progressRow->addWidget(m_demoProgress);
    progressRow->addStretch(1);
    auto *emptyLayout = new QVBoxLayout(m_emptyState);
    emptyLayout->addStretch(1);
    m_placeholder->setMaximumWidth(620); // a paragraph, not one line across a wide window
    // Stretches, not an alignment flag: an aligned item ignores the wrapped label's height-for-width.
    auto *textRow = new QHBoxLayout;
    textRow->addStretch(1);
    textRow->addWidget(m_placeholder, 4);
    textRow->addStretch(1);
    emptyLayout->addLayout(textRow);
    emptyLayout->addLayout(emptyButtons);
    emptyLayout->addLayout(progressRow);
    emptyLayout->addStretch(2);

    m_content = new QStackedWidget(this);
    m_content->addWidget(m_table);
    m_content->addWidget(m_emptyState);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_header);
    layout->addWidget(m_error);
    layout->addWidget(m_content, 1);

    connect(m_refreshButton, &QPushButton::clicked, this, &MetersPage::refresh);
    connect(m_newButton, &QPushButton::clicked, this, &MetersPage::openCreateDialog);
    connect(m_createFirstButton, &QPushButton::clicked, this, &MetersPage::openCreateDialog);
    connect(m_demoButton, &QPushButton::clicked, this, &MetersPage::loadDemoData);
    connect(m_demoLoader, &DemoDataLoader::progressChanged, this, &MetersPage::onDemoProgress);
    connect(m_demoLoader, &DemoDataLoader::finished, this, &MetersPage::onDemoFinished);
    connect(m_editButton, &QPushButton::clicked, this, &MetersPage::editSelected);
    connect(m_deleteButton, &QPushButton::clicked, this, &MetersPage::deleteSelected);
    connect(m_table, &QTableView::doubleClicked, this, &MetersPage::editSelected);
    connect(
        m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, &MetersPage::updateActions);
    connect(m_commands, &AsyncRunner::busyChanged, this, &MetersPage::updateActions);
    connect(m_filter, &QLineEdit::textChanged, m_proxy, &QSortFilterProxyModel::setFilterFixedString);
    connect(m_loader, &AsyncRunner::busyChanged, this, [this](bool busy) {
        if (busy)
            m_header->setStatusText(tr("Loading…"));
        m_refreshButton->setEnabled(!busy);
    });
    // Another workspace's meters: an error about the previous one no longer applies.
    connect(&m_workspace, &WorkspaceContext::workspaceChanged, this, [this] {
        m_commandError.clear();
        m_error->clearError();
        refresh();
    });

    refresh();
    updateContent();
    updateActions();
}

void MetersPage::retranslateHeader()
{
    m_header->setTitle(tr("Meters"));
    m_header->setDescription(tr("What this console counts: each meter aggregates usage events by subject "
                                "and dimensions."));
}

void MetersPage::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::LanguageChange)
        retranslateHeader();
}

bool MetersPage::isLoadingDemoData() const
{
    return m_demoLoader->isRunning();
}

void MetersPage::loadDemoData()
{
    if (m_demoLoader->isRunning())
        return;
    m_commandError.clear();
    m_error->clearError();
    m_demoProgress->setRange(0, int(qMin<qint64>(m_demoOptions.events, std::numeric_limits<int>::max())));
    m_demoProgress->setValue(0);
    m_demoProgress->setFormat(tr("Writing demo events… %p%"));
    m_demoProgress->show();
    DemoDataOptions options = m_demoOptions;
    options.workspaceId = m_workspace.workspaceId();
    m_demoLoader->start(options);
    updateContent();
}

void MetersPage::onDemoProgress(qint64 written, qint64 total)
{
    Q_UNUSED(total)
    m_demoProgress->setValue(int(qMin<qint64>(written, m_demoProgress->maximum())));
}

void MetersPage::onDemoFinished(int metersCreated, qint64 eventsWritten, const QString &error)
{
    m_demoProgress->hide();
    if (!error.isEmpty()) {
        m_commandError = tr("Could not load demo data: %1").arg(error);
        m_error->showError(m_commandError);
    } else {
        m_header->setStatusText(
            tr("Demo data: %1 meters, %2 events").arg(metersCreated).arg(QLocale().toString(eventsWritten)));
    }
    refresh();
    Q_EMIT demoDataLoaded();
}

bool MetersPage::isLoading() const
{
    return m_loader->isBusy();
}

QString MetersPage::errorText() const
{
    return m_error->text();
}

void MetersPage::refresh()
{
    Engine &engine = m_engine;
    m_loader->run([&engine, owner = m_workspace.owner()] { return loadMeterSnapshot(engine, owner); },
        [this](Result<MeterSnapshot> result) {
            if (result)
                applyMeters(result->meters, result->stats);
            else
                applyError(result.error());
            Q_EMIT refreshed();
        });
}

QString MetersPage::selectedMeterId() const
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    return rows.isEmpty() ? QString() : rows.first().data(MeterTableModel::MeterIdRole).toString();
}

int MetersPage::sourceRowOf(const QString &meterId) const
{
    for (int row = 0; row < m_model->rowCount(); ++row)
        if (m_model->meterAt(row).id == meterId)
            return row;
    return -1;
}

MeterEditorDialog *MetersPage::openCreateDialog()
{
    auto *dialog = new MeterEditorDialog(m_engine, m_workspace.owner(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &MeterEditorDialog::meterSaved, this, &MetersPage::refresh);
    dialog->open();
    return dialog;
}

MeterEditorDialog *MetersPage::openEditDialog(const QString &meterId)
{
    const int row = sourceRowOf(meterId);
    if (row < 0)
        return nullptr;
    const Meter &meter = m_model->meterAt(row);
    auto *dialog = new MeterEditorDialog(
        m_engine, m_workspace.owner(), meter, m_model->statsFor(meter.name).usageEvents, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &MeterEditorDialog::meterSaved, this, &MetersPage::refresh);
    dialog->open();
    return dialog;
}

MeterEditorDialog *MetersPage::editSelected()
{
    return openEditDialog(selectedMeterId());
}

void MetersPage::deleteSelected()
{
    const int row = sourceRowOf(selectedMeterId());
    if (row < 0)
        return;
    const Meter &meter = m_model->meterAt(row);
    const qint64 events = m_model->statsFor(meter.name).usageEvents;
    const QString question = events > 0
        ? tr("Delete \u201c%1\u201d? It has %2 stored events, so the engine will refuse until retention "
             "has pruned them all.")
              .arg(meter.name, QLocale().toString(events))
        : tr("Delete \u201c%1\u201d? Services posting to it will get errors. This cannot be undone.")
              .arg(meter.name);
    const auto answer = QMessageBox::question(
        this, tr("Delete meter"), question, QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
    if (answer == QMessageBox::Yes)
        deleteMeter(meter.id);
}

void MetersPage::deleteMeter(const QString &meterId)
{
    m_commandError.clear();
    const int row = sourceRowOf(meterId);
    const QString name = row >= 0 ? m_model->meterAt(row).name : meterId;
    Engine &engine = m_engine;
    m_commands->run(
        [&engine, owner = m_workspace.owner(), meterId] { return engine.meters().remove(owner, meterId); },
        [this, name](Status result) {
            if (!result)
                m_commandError = tr("Could not delete \u201c%1\u201d. %2")
                                     .arg(name, describeMeterError(result.error()).text);
            refresh();
        });
}

void MetersPage::updateActions()
{
    const bool selected = !selectedMeterId().isEmpty();
    m_editButton->setEnabled(selected);
    m_deleteButton->setEnabled(selected && !m_commands->isBusy());
}

void MetersPage::applyMeters(const QList<Meter> &meters, const QList<MeterUsageStats> &stats)
{
    m_error->showError(m_commandError);
    const QString selected = selectedMeterId();
    m_model->setMeters(meters, stats);
    // Keep the selection across reloads (after an edit the user expects their meter still selected).
    if (const int row = sourceRowOf(selected); row >= 0)
        m_table->selectRow(m_proxy->mapFromSource(m_model->index(row, 0)).row());
    updateActions();
    const bool firstData = !m_loadedOnce && !meters.isEmpty();
    m_loadedOnce = m_loadedOnce || !meters.isEmpty();
    if (firstData) {
        // Size columns to the first real data once; after that the user's widths stay.
        m_table->resizeColumnsToContents();
        for (int column = 0; column < MeterTableModel::ColumnCount; ++column)
            m_table->setColumnWidth(column, qMin(m_table->columnWidth(column) + 12, 240));
    }
    const QString time = QTime::currentTime().toString(QStringLiteral("HH:mm:ss"));
    m_header->setStatusText(meters.size() == 1 ? tr("1 meter · updated %1").arg(time)
                                               : tr("%1 meters · updated %2").arg(meters.size()).arg(time));
    updateContent();
}

void MetersPage::applyError(const Error &error)
{
    m_error->showError(tr("Could not load meters: %1").arg(ui::errorText(error)));
    m_header->setStatusText(tr("Load failed"));
    updateContent();
}

void MetersPage::updateContent()
{
    if (m_model->rowCount() > 0) {
        m_content->setCurrentWidget(m_table);
        return;
    }
    const bool demoRunning = m_demoLoader->isRunning();
    const bool loading = m_loader->isBusy() && m_error->text().isEmpty() && !m_loadedOnce;
    if (demoRunning)
        m_placeholder->setText(tr("Loading demo data: seven meters and %1 events…")
                                   .arg(QLocale().toString(m_demoOptions.events)));
    else if (loading)
        m_placeholder->setText(tr("Loading meters…"));
    else
        m_placeholder->setText(tr("No meters yet. A meter says what to count: create one, post it to "
                                  "POST /v1/meters, or load demo data to look around first."));
    // Offered only once we know the workspace is really empty.
    m_createFirstButton->setVisible(!loading && !demoRunning);
    m_demoButton->setVisible(!loading && !demoRunning);
    m_content->setCurrentWidget(m_emptyState);
}

} // namespace osc::ui
