#pragma once

#include "model/Alert.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QList>

namespace osc::ui {

// Webhook destinations (§9.1) as listed: never with their secret (the engine's list omits it; the
// create and rotate dialogs show it once). How many rules use each is shown, as delete refuses those.
class DestinationModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        NameColumn,
        UrlColumn,
        SigningColumn,
        RulesColumn,
        UpdatedColumn,
        ColumnCount
    };
    enum Role
    {
        DestinationIdRole = Qt::UserRole + 1,
    };

    explicit DestinationModel(QObject *parent = nullptr);

    // `ruleCounts`: destination id → rules naming it.
    void setDestinations(QList<osc::AlertDestination> destinations, QHash<QString, int> ruleCounts);
    void clear();
    const osc::AlertDestination &destinationAt(int row) const { return m_destinations.at(row); }
    int rowOfDestination(const QString &id) const;
    int rulesUsing(const QString &id) const { return m_ruleCounts.value(id); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<osc::AlertDestination> m_destinations;
    QHash<QString, int> m_ruleCounts;
};

} // namespace osc::ui
