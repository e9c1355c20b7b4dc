#include "ui/plans/QuotaText.h"

#include "core/Error.h"
#include "ui/common/DisplayFormat.h"

#include <QCoreApplication>
#include <QLocale>
#include <QRegularExpression>

#include <cmath>

namespace osc::ui {

QString periodText(PlanPeriod period)
{
    switch (period) {
    case PlanPeriod::Day:
        return QCoreApplication::translate("osc::ui::QuotaText", "day");
    case PlanPeriod::Week:
        return QCoreApplication::translate("osc::ui::QuotaText", "week");
    case PlanPeriod::Month:
        return QCoreApplication::translate("osc::ui::QuotaText", "month");
    case PlanPeriod::Year:
        return QCoreApplication::translate("osc::ui::QuotaText", "year");
    }
    return {};
}

QString quotaStateText(QuotaState state)
{
    switch (state) {
    case QuotaState::Ok:
        return QCoreApplication::translate("osc::ui::QuotaText", "ok");
    case QuotaState::Warning:
        return QCoreApplication::translate("osc::ui::QuotaText", "warning");
    case QuotaState::Exceeded:
        return QCoreApplication::translate("osc::ui::QuotaText", "exceeded");
    case QuotaState::NoPlan:
        return QCoreApplication::translate("osc::ui::QuotaText", "no plan");
    case QuotaState::NotInPlan:
        return QCoreApplication::translate("osc::ui::QuotaText", "not in plan");
    }
    return {};
}

QString formatQuantity(double value)
{
    const QLocale locale;
    if (std::abs(value) < 1e15 && value == std::floor(value))
        return locale.toString(qint64(value));
    return locale.toString(value, 'f', 2).remove(QRegularExpression(QStringLiteral("[.,]?0+$")));
}

QColor quotaStateColor(QuotaState state)
{
    switch (state) {
    case QuotaState::Ok:
        return QColor(0x3f, 0x9a, 0x52);
    case QuotaState::Warning:
        return QColor(0xd9, 0x8e, 0x04);
    case QuotaState::Exceeded:
        return QColor(0xd6, 0x45, 0x41);
    default:
        return QColor(0x8a, 0x8f, 0x98);
    }
}

PlanErrorText describePlanError(const Error &error)
{
    using Field = PlanErrorText::Field;
    // "invalid input: <detail>", "conflict\n<detail>", "not found: <detail>": the detail is what matters.
    QString detail = error.message;
    detail.remove(QRegularExpression(QStringLiteral("^(invalid input|conflict|not found)(: |\\n)")));
    static const QRegularExpression quotedName(QStringLiteral("\"([^\"]*)\""));
    const QString name = quotedName.match(detail).captured(1);

    if (detail == QLatin1String("plan name is required"))
        return {Field::Name,
            QCoreApplication::translate("osc::ui::QuotaText", "Give the plan a name, e.g. Starter or Pro.")};
    if (detail.startsWith(QLatin1String("plan name cannot exceed")))
        return {Field::Name,
            QCoreApplication::translate("osc::ui::QuotaText", "Keep the name to %1 characters or fewer.")
                .arg(kMaxPlanNameLength)};
    if (detail == QLatin1String("at least one plan limit is required"))
        return {Field::Limits,
            QCoreApplication::translate(
                "osc::ui::QuotaText", "Add at least one limit: a meter, a period and how much is included.")};
    if (detail == QLatin1String("meter is required"))
        return {Field::Limits,
            QCoreApplication::translate(
                "osc::ui::QuotaText", "Every limit needs a meter; choose one or remove the row.")};
    if (detail.startsWith(QLatin1String("meter")) && detail.endsWith(QLatin1String("was not found")))
        return {Field::Limits,
            QCoreApplication::translate("osc::ui::QuotaText",
                "There is no meter \u201c%1\u201d in this workspace (any more). Choose another.")
                .arg(name)};
    if (detail == QLatin1String("limit must be greater than zero"))
        return {Field::Limits,
            QCoreApplication::translate("osc::ui::QuotaText", "Every limit must be greater than zero.")};
    if (detail.startsWith(QLatin1String("warning percent")))
        return {Field::Limits,
            QCoreApplication::translate(
                "osc::ui::QuotaText", "The warning percent must be between 1 and 100.")};
    if (detail.startsWith(QLatin1String("duplicate limit")))
        return {Field::Limits,
            QCoreApplication::translate("osc::ui::QuotaText",
                "Two limits are for \u201c%1\u201d per %2; keep one per meter and period.")
                .arg(name, detail.section(QLatin1Char('"'), 3, 3))};
    if (detail == QLatin1String("plan has assigned subjects"))
        return {Field::None,
            QCoreApplication::translate("osc::ui::QuotaText",
                "This plan has assigned subjects, now or in the past (the API answers 409 \u201cplan has "
                "assigned subjects\u201d). Plans with assignment history are kept so that past periods "
                "stay explainable.")};
    if (detail == QLatin1String("plan version is not current"))
        return {Field::None,
            QCoreApplication::translate("osc::ui::QuotaText",
                "This plan was changed elsewhere meanwhile; refresh and edit the newest version.")};
    if (error.kind == ErrorKind::NotFound)
        return {Field::None,
            QCoreApplication::translate("osc::ui::QuotaText",
                "This plan no longer exists; it was probably deleted elsewhere. Refresh.")};
    return {Field::None, errorText(error)};
}

} // namespace osc::ui
