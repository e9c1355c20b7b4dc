#pragma once

#include <QStringList>

#include <optional>

namespace osc {

// Go strconv.ParseBool spellings (1 t T TRUE true True / 0 f F FALSE false False), used by upstream for
// boolean query parameters and environment variables alike.
inline std::optional<bool> parseGoBool(const QString &text)
{
    static const QStringList truthy = {QStringLiteral("1"), QStringLiteral("t"), QStringLiteral("T"),
        QStringLiteral("TRUE"), QStringLiteral("true"), QStringLiteral("True")};
    static const QStringList falsy = {QStringLiteral("0"), QStringLiteral("f"), QStringLiteral("F"),
        QStringLiteral("FALSE"), QStringLiteral("false"), QStringLiteral("False")};
    if (truthy.contains(text))
        return true;
    if (falsy.contains(text))
        return false;
    return std::nullopt;
}

} // namespace osc
