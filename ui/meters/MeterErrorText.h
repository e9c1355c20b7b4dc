#pragma once

#include <QString>

namespace osc {
struct Error;
}

namespace osc::ui {

// An engine error about a meter, in words a user understands, and the field it is about. The engine's
// messages follow the contract word for word (terse, for API clients); the console explains them.
struct MeterErrorText
{
    enum class Field
    {
        None,
        Name,
        Unit,
        Aggregation,
        Retention,
        Dimensions,
    };
    Field field = Field::None;
    // The dimension a Dimensions error names ("" for an unnamed one).
    QString dimension;
    QString text;
};

MeterErrorText describeMeterError(const osc::Error &error);

} // namespace osc::ui
