#pragma once

class QChart;
class QPalette;

namespace osc::ui {

// QChart does not follow the widget palette: its built-in themes are fixed light or dark pictures. This
// paints background, labels, legend and grid from `palette`, so charts switch with the console's theme.
// Series colours are left alone. Call after axes are (re)created and on QEvent::PaletteChange.
void applyPaletteToChart(QChart *chart, const QPalette &palette);

} // namespace osc::ui
