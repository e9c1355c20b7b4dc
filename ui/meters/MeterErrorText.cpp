#include "ui/meters/MeterErrorText.h"

#include "core/Error.h"
#include "ui/common/DisplayFormat.h"

#include <QCoreApplication>
#include <QRegularExpression>

namespace osc::ui {

namespace {

// The first "quoted" name in an engine message.
QString quoted(const QString &detail)
{
    static const QRegularExpression pattern(QStringLiteral("\"((?:[^\"\\\\]|\\\\.)*)\""));
    const QRegularExpressionMatch match = pattern.match(detail);
    return match.hasMatch() ? match.captured(1) : QString();
}

} // namespace

MeterErrorText describeMeterError(const Error &error)
{
    using Field = MeterErrorText::Field;
    // "invalid input: <detail>", "conflict: <detail>", "conflict\n<detail>": the detail is what matters.
    QString detail = error.message;
    detail.remove(QRegularExpression(QStringLiteral("^(invalid input|conflict)(: |\\n)")));
    const QString name = quoted(detail);
    const auto about = [&](Field field, const QString &text) { return MeterErrorText{field, name, text}; };

    if (error.kind == ErrorKind::NotFound)
        return about(Field::None,
            QCoreApplication::translate("osc::ui::MeterErrorText",
                "This meter no longer exists; it was probably deleted elsewhere. Close this window and "
                "refresh the list."));
    if (detail == QLatin1String("meter name is required"))
        return about(Field::Name,
            QCoreApplication::translate(
                "osc::ui::MeterErrorText", "Give the meter a name, e.g. api_requests."));
    if (detail == QLatin1String("meter name already exists"))
        return about(Field::Name,
            QCoreApplication::translate("osc::ui::MeterErrorText",
                "A meter with this name already exists. Pick another name, or edit that meter instead."));
    if (detail == QLatin1String("meter unit is required"))
        return about(Field::Unit,
            QCoreApplication::translate("osc::ui::MeterErrorText",
                "Enter the unit one event's quantity is measured in, e.g. request, token or gigabyte."));
    if (detail.startsWith(QLatin1String("unsupported aggregation")))
        return about(Field::Aggregation,
            QCoreApplication::translate(
                "osc::ui::MeterErrorText", "Choose one of the aggregations in the list."));
    if (detail.startsWith(QLatin1String("event retention days")))
        return about(Field::Retention,
            QCoreApplication::translate("osc::ui::MeterErrorText", "Keep events between 1 and 3650 days."));
    if (detail == QLatin1String("dimension name is required"))
        return about(Field::Dimensions,
            QCoreApplication::translate("osc::ui::MeterErrorText",
                "Every dimension needs a name: fill in the empty row or remove it."));
    if (detail.startsWith(QLatin1String("dimension name")) && detail.endsWith(QLatin1String("reserved")))
        return about(Field::Dimensions,
            QCoreApplication::translate("osc::ui::MeterErrorText",
                "\u201csubject\u201d is part of every event already, so it cannot be a dimension. "
                "Pick another name."));
    if (detail.startsWith(QLatin1String("dimension name")) && detail.contains(QLatin1String("must use")))
        return about(Field::Dimensions,
            QCoreApplication::translate("osc::ui::MeterErrorText",
                "Dimension \u201c%1\u201d: use only letters, digits, _ and -, with single dots between "
                "parts (service.tier). No spaces, slashes, or dots at the start or end.")
                .arg(name));
    if (detail.startsWith(QLatin1String("unsupported dimension type")))
        return about(Field::Dimensions,
            QCoreApplication::translate(
                "osc::ui::MeterErrorText", "Choose text, number or true/false as the dimension's type."));
    if (detail.endsWith(QLatin1String("is already defined")))
        return about(Field::Dimensions,
            QCoreApplication::translate("osc::ui::MeterErrorText",
                "Two dimensions are named \u201c%1\u201d; names must be unique within a meter.")
                .arg(name));
    if (detail.endsWith(QLatin1String("cannot be removed after usage has been recorded")))
        return about(Field::Dimensions,
            QCoreApplication::translate("osc::ui::MeterErrorText",
                "\u201c%1\u201d cannot be removed or renamed: this meter already has events that use "
                "it. Mark it deprecated instead, so it is no longer required.")
                .arg(name));
    if (detail.endsWith(QLatin1String("type cannot change after usage has been recorded")))
        return about(Field::Dimensions,
            QCoreApplication::translate("osc::ui::MeterErrorText",
                "The type of \u201c%1\u201d cannot change: stored events already hold values of the "
                "old type. Add a new dimension with the new type instead.")
                .arg(name));
    if (detail.endsWith(QLatin1String("cannot become required after usage has been recorded")))
        return about(Field::Dimensions,
            QCoreApplication::translate("osc::ui::MeterErrorText",
                "\u201c%1\u201d cannot become required now: events already stored may not have it. "
                "Leave it optional (or deprecated).")
                .arg(name));
    if (detail.startsWith(QLatin1String("required dimension"))
        && detail.endsWith(QLatin1String("cannot be added after usage has been recorded")))
        return about(Field::Dimensions,
            QCoreApplication::translate("osc::ui::MeterErrorText",
                "New dimension \u201c%1\u201d must be optional: this meter already has events without "
                "it. Untick \u201cRequired\u201d.")
                .arg(name));
    if (detail == QLatin1String("meter has usage"))
        return about(Field::None,
            QCoreApplication::translate("osc::ui::MeterErrorText",
                "It still has stored events, and a meter with events cannot be deleted. Its events are "
                "removed when they are older than its retention period; then it can be deleted."));
    return about(Field::None, errorText(error));
}

} // namespace osc::ui
