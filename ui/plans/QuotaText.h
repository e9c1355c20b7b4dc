#pragma once

#include "model/Plan.h"

#include <QColor>
#include <QString>

namespace osc {
struct Error;
}

namespace osc::ui {

// How the Plans page words and colours quota values, so the list, the preview and the bars agree.

// "day", "week", "month", "year" in the UI language.
QString periodText(osc::PlanPeriod period);
// "ok", "warning", "exceeded", "no plan", "not in plan" in the UI language.
QString quotaStateText(osc::QuotaState state);
// Whole numbers without decimals, others with up to 2 (quantities are doubles on the wire).
QString formatQuantity(double value);
// Mid-tone colours readable on light and dark backgrounds: ok green, warning amber, exceeded red.
QColor quotaStateColor(osc::QuotaState state);

// An engine error about a plan, explained, and the editor field it is about.
struct PlanErrorText
{
    enum class Field
    {
        None,
        Name,
        Limits,
    };
    Field field = Field::None;
    QString text;
};
PlanErrorText describePlanError(const osc::Error &error);

} // namespace osc::ui
