#include "ui/events/EventTableModel.h"

#include "Engine.h"
#include "ui/common/AsyncRunner.h"
#include "ui/common/DisplayFormat.h"

#include <QLocale>

namespace osc::ui {

EventTableModel::EventTableModel(Engine &engine, QObject *parent)
    : QAbstractTableModel(parent)
    , m_engine(engine)
    , m_owner(engine.owner())
{
    m_runner = new AsyncRunner(this);
    connect(m_runner, &AsyncRunner::busyChanged, this, &EventTableModel::loadingChanged);
}

void EventTableModel::setOwner(const Principal &owner)
{
    m_owner = owner;
    m_search = {};
    if (m_started)
        reload();
}

void EventTableModel::setSearch(const EventSearch &search)
{
    m_search = search;
    reload();
}

void EventTableModel::reload()
{
    m_runner->discardPending();
    beginResetModel();
    m_events.clear();
    endResetModel();
    m_cursor.clear();
    m_complete = false;
    m_errorText.clear();
    m_started = true;
    m_fetchQueued = false;
    ++m_searchGeneration;
    loadPage();
}

bool EventTableModel::isLoading() const
{
    return m_runner->isBusy() || m_fetchQueued;
}

void EventTableModel::loadPage()
{
    EventSearch search = m_search;
    search.cursor = m_cursor;
    search.limit = m_pageSize;
    Engine &engine = m_engine;
    m_runner->run(
        [&engine, owner = m_owner, search] { return engine.events().listEvents(owner, search, true); },
        [this](Result<Page<UsageEvent>> page) {
            if (!page) {
                m_errorText = ui::errorText(page.error());
                Q_EMIT pageLoaded();
                return;
            }
            // Cursor first: views and testers call canFetchMore()/fetchMore() from inside the row
            // insertion below, and must already see the next page's cursor (or that there is none).
            // The keyset cursor makes pages disjoint and complete, even across equal timestamps.
            m_cursor = page->nextCursor.value_or(QString());
            m_complete = m_cursor.isEmpty();
            if (!page->items.isEmpty()) {
                const int first = int(m_events.size());
                beginInsertRows({}, first, first + int(page->items.size()) - 1);
                m_events += page->items;
                endInsertRows();
            }
            Q_EMIT pageLoaded();
        });
}

bool EventTableModel::canFetchMore(const QModelIndex &parent) const
{
    // One page at a time; after an error the user reloads (a retry loop would hammer a broken query).
    return !parent.isValid() && m_started && !m_complete && !isLoading() && m_errorText.isEmpty();
}

void EventTableModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent))
        return;
    // Views (and QAbstractItemModelTester) call fetchMore() from inside rowsInserted. A page whose
    // worker finished early is delivered synchronously by QFuture::then(), which would nest a second
    // insertion inside the first; starting from the event loop keeps insertions strictly sequential.
    m_fetchQueued = true;
    Q_EMIT loadingChanged(true);
    QMetaObject::invokeMethod(
        this,
        [this, generation = m_searchGeneration] {
            if (generation != m_searchGeneration || !m_fetchQueued)
                return;
            m_fetchQueued = false;
            loadPage();
        },
        Qt::QueuedConnection);
}

int EventTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_events.size());
}

int EventTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant EventTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const UsageEvent &event = m_events.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case TimeColumn:
            return formatLocalDateTime(event.eventTimeNs);
        case SubjectColumn:
            return event.subject;
        case MeterColumn:
            return event.meter;
        case QuantityColumn:
            return QLocale().toString(event.quantity, 'g', QLocale::FloatingPointShortest);
        case IdColumn:
            return event.id;
        default:
            return {};
        }
    case Qt::ToolTipRole:
        if (index.column() == TimeColumn)
            return formatUtcTooltip(event.eventTimeNs);
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == QuantityColumn)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return int(Qt::AlignLeft | Qt::AlignVCenter);
    case EventIdRole:
        return event.id;
    default:
        return {};
    }
}

QVariant EventTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case TimeColumn:
        return tr("Time");
    case SubjectColumn:
        return tr("Subject");
    case MeterColumn:
        return tr("Meter");
    case QuantityColumn:
        return tr("Quantity");
    case IdColumn:
        return tr("Event ID");
    default:
        return {};
    }
}

} // namespace osc::ui
