#include "ui/meters/MetersPage.h"

#include "Engine.h"
#include "ui/common/AsyncRunner.h"
#include "ui/common/DisplayFormat.h"
#include "ui/common/InlineErrorLabel.h"
#include "ui/common/PageHeader.h"
#include "ui/meters/MeterTableModel.h"

#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QStackedWidget>
#include <QTableView>
#include <QTime>
#include <QVBoxLayout>

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
Result<MeterSnapshot> loadMeterSnapshot(Engine &engine)
{
    const Principal owner = engine.owner();
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

MetersPage::MetersPage(Engine &engine, QWidget *parent)
    : QWidget(parent)
    , m_engine(engine)
{
    m_loader = new AsyncRunner(this);
    m_model = new MeterTableModel(this);
    m_proxy = new QSortFilterProxyModel(this);
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(MeterTableModel::SortRole);
    m_proxy->setFilterKeyColumn(-1);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);

    m_header = new PageHeader(tr("Meters"),
        tr("What this console counts: each meter aggregates usage events by subject "
           "and dimensions."),
        this);
    m_filter = new QLineEdit(this);
    m_filter->setObjectName(QStringLiteral("metersFilter"));
    m_filter->setPlaceholderText(tr("Filter meters…"));
    m_filter->setClearButtonEnabled(true);
    m_filter->setMinimumWidth(200);
    m_refreshButton = new QPushButton(style()->standardIcon(QStyle::SP_BrowserReload), tr("Refresh"), this);
    m_refreshButton->setObjectName(QStringLiteral("metersRefreshButton"));
    m_refreshButton->setToolTip(tr("Reload the meters (F5)"));
    m_header->addTrailingWidget(m_filter);
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

    m_placeholder = new QLabel(this);
    m_placeholder->setObjectName(QStringLiteral("metersEmptyState"));
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setWordWrap(true);
    m_placeholder->setMargin(24);
    PageHeader::makeMuted(m_placeholder);

    m_content = new QStackedWidget(this);
    m_content->addWidget(m_table);
    m_content->addWidget(m_placeholder);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_header);
    layout->addWidget(m_error);
    layout->addWidget(m_content, 1);

    connect(m_refreshButton, &QPushButton::clicked, this, &MetersPage::refresh);
    connect(m_filter, &QLineEdit::textChanged, m_proxy, &QSortFilterProxyModel::setFilterFixedString);
    connect(m_loader, &AsyncRunner::busyChanged, this, [this](bool busy) {
        if (busy)
            m_header->setStatusText(tr("Loading…"));
        m_refreshButton->setEnabled(!busy);
    });

    refresh();
    updateContent();
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
    m_loader->run([&engine] { return loadMeterSnapshot(engine); },
        [this](Result<MeterSnapshot> result) {
            if (result)
                applyMeters(result->meters, result->stats);
            else
                applyError(result.error());
            Q_EMIT refreshed();
        });
}

void MetersPage::applyMeters(const QList<Meter> &meters, const QList<MeterUsageStats> &stats)
{
    m_error->clearError();
    m_model->setMeters(meters, stats);
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
    if (m_loader->isBusy() && m_error->text().isEmpty())
        m_placeholder->setText(tr("Loading meters…"));
    else
        m_placeholder->setText(
            tr("No meters yet. Create one with POST /v1/meters or the meter editor (coming soon)."));
    m_content->setCurrentWidget(m_placeholder);
}

} // namespace osc::ui
