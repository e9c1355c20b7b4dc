#include "MeterValidator.h"

#include <QRegularExpression>
#include <QSet>

namespace osc {

namespace {

struct Fields
{
    QString name;
    QString description;
    QString unit;
    QString aggregation;
    QList<DimensionDraft> dimensions;
    qint64 retentionDays = 0;
    const InputLimits *nameLimits = nullptr; // set on create
};

Result<Dimension> validateDimension(const DimensionDraft &draft)
{
    Dimension d;
    d.name = draft.name.trimmed();
    if (d.name.isEmpty())
        return Error::invalidInput(QStringLiteral("dimension name is required"));
    if (!MeterValidator::isValidDimensionName(d.name))
        return Error::invalidInput(
            QStringLiteral("dimension name \"%1\" must use letters, numbers, underscores, hyphens, or dots")
                .arg(d.name));
    if (d.name == QLatin1StringView("subject"))
        return Error::invalidInput(QStringLiteral("dimension name \"subject\" is reserved"));
    const auto type = dimensionTypeFromName(draft.type.trimmed());
    if (!type)
        return Error::invalidInput(
            QStringLiteral("unsupported dimension type \"%1\"").arg(draft.type.trimmed()));
    d.type = *type;
    d.displayName = draft.displayName.value_or(QString()).trimmed();
    if (d.displayName.isEmpty())
        d.displayName = MeterValidator::humanize(d.name);
    d.description = draft.description.value_or(QString()).trimmed();
    d.required = draft.required.value_or(true);
    d.deprecated = draft.deprecated.value_or(false);
    return d;
}

// The shared create/update rule chain, in the contract's observable order: dimensions (each in order),
// name, unit, aggregation, duplicate dimension names, retention.
Result<Meter> validateFields(const Fields &fields)
{
    Meter meter;
    for (const DimensionDraft &draft : fields.dimensions) {
        auto dimension = validateDimension(draft);
        if (!dimension)
            return dimension.error();
        meter.dimensions.append(dimension.value());
    }
    meter.name = fields.name.trimmed();
    if (meter.name.isEmpty())
        return Error::invalidInput(QStringLiteral("meter name is required"));
    if (fields.nameLimits)
        if (auto s = fields.nameLimits->checkMeterName(meter.name); !s)
            return s.error();
    meter.description = fields.description.trimmed();
    meter.unit = fields.unit.trimmed();
    if (meter.unit.isEmpty())
        return Error::invalidInput(QStringLiteral("meter unit is required"));
    const QString aggregation = fields.aggregation.isEmpty() ? QStringLiteral("sum") : fields.aggregation;
    const auto parsed = aggregationFromName(aggregation);
    if (!parsed)
        return Error::invalidInput(QStringLiteral("unsupported aggregation \"%1\"").arg(aggregation));
    meter.aggregation = *parsed;
    QSet<QString> seen;
    for (const Dimension &d : meter.dimensions) {
        if (seen.contains(d.name))
            return Error::invalidInput(QStringLiteral("dimension \"%1\" is already defined").arg(d.name));
        seen.insert(d.name);
    }
    if (fields.retentionDays < 0)
        return Error::invalidInput(QStringLiteral("event retention days must be greater than zero"));
    if (fields.retentionDays > kMaxEventRetentionDays)
        return Error::invalidInput(
            QStringLiteral("event retention days cannot exceed %1").arg(kMaxEventRetentionDays));
    meter.eventRetentionDays
        = fields.retentionDays == 0 ? kDefaultEventRetentionDays : int(fields.retentionDays);
    return meter;
}

DimensionDraft draftFrom(const Dimension &d)
{
    return {d.name, d.displayName, d.description, dimensionTypeName(d.type), d.required, d.deprecated};
}

} // namespace

bool MeterValidator::isValidDimensionName(const QString &name)
{
    // anchoredPattern: PCRE's `$` would also match before a trailing newline; Go's does not.
    static const QRegularExpression pattern(
        QRegularExpression::anchoredPattern(QStringLiteral("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*")));
    return pattern.match(name).hasMatch();
}

QString MeterValidator::humanize(const QString &dimensionName)
{
    QStringList words;
    QString current;
    const auto flush = [&] {
        if (!current.isEmpty()) {
            current[0] = current[0].toUpper();
            words.append(current);
            current.clear();
        }
    };
    for (const QChar c : dimensionName) {
        if (c == QLatin1Char('.') || c == QLatin1Char('_') || c == QLatin1Char('-'))
            flush();
        else
            current.append(c);
    }
    flush();
    return words.join(QLatin1Char(' '));
}

Result<Meter> MeterValidator::validateCreate(const MeterDraft &draft, const InputLimits &limits)
{
    return validateFields({draft.name, draft.description, draft.unit, draft.aggregation, draft.dimensions,
        draft.eventRetentionDays, &limits});
}

Result<Meter> MeterValidator::validateUpdate(const Meter &current, const MeterPatch &patch, bool hasUsage)
{
    Fields fields;
    fields.name = current.name; // immutable
    fields.description = patch.description.value_or(current.description);
    fields.unit = patch.unit.value_or(current.unit);
    fields.aggregation = patch.aggregation.value_or(aggregationName(current.aggregation));
    if (patch.dimensions) {
        fields.dimensions = *patch.dimensions;
    } else {
        for (const Dimension &d : current.dimensions)
            fields.dimensions.append(draftFrom(d));
    }
    fields.retentionDays = patch.eventRetentionDays.value_or(current.eventRetentionDays);

    auto updated = validateFields(fields);
    if (!updated)
        return updated;
    if (hasUsage && patch.dimensions) {
        const Status evolution = checkDimensionEvolution(current.dimensions, updated->dimensions);
        if (!evolution)
            return evolution.error();
    }
    updated->id = current.id;
    updated->createdAtNs = current.createdAtNs;
    return updated;
}

Status MeterValidator::checkDimensionEvolution(const QList<Dimension> &previous, const QList<Dimension> &next)
{
    const auto find = [](const QList<Dimension> &list, const QString &name) -> const Dimension * {
        for (const Dimension &d : list)
            if (d.name == name)
                return &d;
        return nullptr;
    };
    for (const Dimension &old : previous) {
        const Dimension *now = find(next, old.name);
        if (!now)
            return Error::conflict(
                QStringLiteral("dimension \"%1\" cannot be removed after usage has been recorded")
                    .arg(old.name));
        if (now->type != old.type)
            return Error::conflict(
                QStringLiteral("dimension \"%1\" type cannot change after usage has been recorded")
                    .arg(old.name));
        if (!old.enforced() && now->enforced())
            return Error::conflict(
                QStringLiteral("dimension \"%1\" cannot become required after usage has been recorded")
                    .arg(old.name));
    }
    for (const Dimension &now : next) {
        if (!find(previous, now.name) && now.enforced())
            return Error::conflict(
                QStringLiteral("required dimension \"%1\" cannot be added after usage has been recorded")
                    .arg(now.name));
    }
    return {};
}

} // namespace osc
