#pragma once

#include "Engine.h"

#include <QString>
#include <QVariant>

#include <memory>

class QComboBox;
class QTemporaryDir;
class QWidget;

// Shared pieces of the widget tests (tests/ui).
namespace osc::testsupport {

// Saves `widget` as a PNG into $OSC_SCREENSHOT_DIR (scripts/screenshots.sh); does nothing when unset.
// Labels changed in the same event as the data are laid out before painting.
void saveScreenshot(QWidget &widget, const QString &fileName);

// An engine on `<dir>/t.db` (synchronous=NORMAL: tests need no power-loss durability).
std::unique_ptr<Engine> openEngine(const QTemporaryDir &dir);

// Selects the entry holding `data`; false when there is none.
bool selectData(QComboBox *combo, const QVariant &data);

} // namespace osc::testsupport
