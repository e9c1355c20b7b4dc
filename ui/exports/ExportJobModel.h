#pragma once

#include "auth/Principal.h"
#include "model/ExportJob.h"

#include <QAbstractTableModel>
#include <QList>
#include <QStyledItemDelegate>

class QTimer;

namespace osc {
class Engine;
}

namespace osc::ui {

class AsyncRunner;

// The export jobs of the workspace, newest first. Loads off the GUI thread and, while polling, reloads
// every second while a job is queued or running and every few seconds otherwise. A reload updates rows in
// place (dataChanged, inserts and removals by job id, never a reset), so selection and scrolling survive.
class ExportJobModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        IdColumn,
        KindColumn,
        FormatColumn,
        StatusColumn,
        ProgressColumn,
        RowsColumn,
        SizeColumn,
        CreatedColumn,
        CompletedColumn,
        ErrorColumn,
        ColumnCount
    };
    enum Role
    {
        JobIdRole = Qt::UserRole + 1,
        StatusRole, // int(ExportStatus)
        ProgressRole // 0–100
    };

    static constexpr int kActivePollMs = 1000;
    static constexpr int kIdlePollMs = 5000;
    static constexpr int kListLimit = 1000;

    explicit ExportJobModel(osc::Engine &engine, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // Merges `jobs` (newest first) into the rows by id.
    void setJobs(const QList<osc::ExportJob> &jobs);
    const QList<osc::ExportJob> &jobs() const { return m_jobs; }
    const osc::ExportJob *jobAt(int row) const;
    int rowOfJob(const QString &id) const;
    bool hasActiveJobs() const;
    bool isLoading() const;
    QString errorText() const { return m_error; }

    // The console acting in the workspace whose jobs to list (default: the engine's default workspace);
    // drops the rows of the previous one and reloads.
    void setOwner(const osc::Principal &owner);
    // Reload on a timer (pages poll while visible).
    void setPolling(bool polling);
    bool isPolling() const { return m_polling; }

public Q_SLOTS:
    void refresh();

Q_SIGNALS:
    // After each load that reached the model (errorText() says whether it failed).
    void refreshed();

private:
    void scheduleNext();

    osc::Engine &m_engine;
    osc::Principal m_owner;
    AsyncRunner *m_loader = nullptr;
    QTimer *m_timer = nullptr;
    QList<osc::ExportJob> m_jobs;
    QString m_error;
    bool m_polling = false;
};

// Paints the progress column as a progress bar while a job runs; other states as plain text.
class ExportProgressDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    using QStyledItemDelegate::QStyledItemDelegate;
    void paint(
        QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
};

// Words for a job's status and kind, as the page shows them.
QString exportStatusText(osc::ExportStatus status);
QString exportKindText(osc::ExportKind kind);
// "1.2 MB"
QString formatByteSize(qint64 bytes);

} // namespace osc::ui
