#pragma once

#include "store/EventReads.h"

#include <QAbstractTableModel>
#include <QList>

namespace osc::ui {

// The subjects that posted usage (§6.10): event count, distinct meters and last event, most recently
// active first. Fed whole results by the page; never calls the engine itself.
class SubjectListModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        SubjectColumn,
        EventsColumn,
        MetersColumn,
        LastEventColumn,
        ColumnCount
    };
    enum Role
    {
        SubjectRole = Qt::UserRole + 1,
    };

    explicit SubjectListModel(QObject *parent = nullptr);

    void setSubjects(const QList<osc::SubjectSummary> &subjects);
    const osc::SubjectSummary &subjectAt(int row) const { return m_subjects.at(row); }
    int rowOfSubject(const QString &subject) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<osc::SubjectSummary> m_subjects;
};

} // namespace osc::ui
