#pragma once

#include "auth/Principal.h"
#include "model/UsageEvent.h"
#include "query/EventQuery.h"

#include <QAbstractTableModel>
#include <QList>

namespace osc {
class Engine;
}

namespace osc::ui {

class AsyncRunner;

// Raw usage events, newest first, loaded a keyset page at a time: the first page when a search is
// set, the next one whenever the view asks (canFetchMore/fetchMore, i.e. scrolled to the bottom).
// Pages load off the GUI thread; a new search drops pages of the old one still in flight.
class EventTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        TimeColumn,
        SubjectColumn,
        MeterColumn,
        QuantityColumn,
        IdColumn,
        ColumnCount
    };
    enum Role
    {
        EventIdRole = Qt::UserRole + 1,
    };
    static constexpr int kDefaultPageSize = 200;

    explicit EventTableModel(osc::Engine &engine, QObject *parent = nullptr);

    // The console acting in the workspace whose events to list (default: the engine's default workspace).
    // Once loading has started, starts over with every meter of that workspace: a meter name means nothing
    // across workspaces.
    void setOwner(const osc::Principal &owner);
    const osc::Principal &owner() const { return m_owner; }
    // Starts over with `search` (its cursor and limit are the model's business).
    void setSearch(const osc::EventSearch &search);
    const osc::EventSearch &search() const { return m_search; }
    // Reloads the current search from the first page.
    void reload();
    void setPageSize(int pageSize) { m_pageSize = pageSize; }
    int pageSize() const { return m_pageSize; }

    const osc::UsageEvent &eventAt(int row) const { return m_events.at(row); }
    bool isLoading() const;
    // True once the last page arrived.
    bool isComplete() const { return m_complete; }
    // The engine's reason the last page failed; empty otherwise.
    QString errorText() const { return m_errorText; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

Q_SIGNALS:
    void loadingChanged(bool loading);
    // After each page that reached the model, or its failure.
    void pageLoaded();

private:
    void loadPage();

    osc::Engine &m_engine;
    osc::Principal m_owner;
    AsyncRunner *m_runner = nullptr;
    osc::EventSearch m_search;
    QList<osc::UsageEvent> m_events;
    QString m_cursor; // of the next page; empty before the first
    bool m_started = false;
    bool m_complete = false;
    bool m_fetchQueued = false; // fetchMore() accepted, the page load starts from the event loop
    quint64 m_searchGeneration = 0;
    QString m_errorText;
    int m_pageSize = kDefaultPageSize;
};

} // namespace osc::ui
