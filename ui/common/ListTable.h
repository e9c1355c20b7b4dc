#pragma once

#include <QString>

class QAbstractItemModel;
class QLabel;
class QTableView;
class QWidget;

namespace osc::ui {

// A read-only list table as the console's pages show them: whole-row single selection, alternating
// rows, no grid or row numbers, left-aligned headers, the last column stretched.
QTableView *makeListTable(QAbstractItemModel *model, const QString &objectName, QWidget *parent);
// A bold label above a table or panel.
QLabel *makeSectionTitle(QWidget *parent);

} // namespace osc::ui
