#pragma once

#include "core/Result.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>

namespace osc::json {

// Nesting limit for any request body (objects and arrays). Qt's own parser allows 1024 levels; a
// metering payload never needs more than a few, so deep documents are refused early (reliability.md D.3).
constexpr int kMaxNestingDepth = 32;

// Decodes exactly one JSON value as contract §1.2 demands: malformed JSON, an empty body, trailing
// data after the value, non-finite numbers and documents nested deeper than kMaxNestingDepth all give
// the `invalid_json` error. Escaped lone surrogates are replaced by U+FFFD (Go's rule).
Result<QJsonValue> parseBody(const QByteArray &body);
Result<QJsonObject> parseObjectBody(const QByteArray &body);

// Every unpaired UTF-16 surrogate replaced by U+FFFD, as Go's encoding/json decodes `"\ud800"`.
QString replaceLoneSurrogates(const QString &text);

// Nesting depth of a value: scalars are 0, `{}` and `[]` are 1.
int nestingDepth(const QJsonValue &value);

// Typed, case-insensitive field access over a decoded object, with Go encoding/json semantics: an exact
// key match wins, otherwise the first ASCII-case-insensitive match; `null` means absent; a value of the
// wrong type marks the reader as failed (the caller then answers `invalid_json`).
class ObjectReader
{
public:
    explicit ObjectReader(const QJsonObject &object);

    // Undefined when absent; null is returned as null.
    QJsonValue raw(QLatin1StringView key) const;
    bool has(QLatin1StringView key) const;

    std::optional<QString> string(QLatin1StringView key);
    std::optional<qint64> integer(QLatin1StringView key);
    std::optional<double> number(QLatin1StringView key);
    std::optional<bool> boolean(QLatin1StringView key);
    std::optional<QJsonArray> array(QLatin1StringView key);
    std::optional<QJsonObject> object(QLatin1StringView key);
    // An array whose every element must be a string.
    std::optional<QStringList> stringList(QLatin1StringView key);

    bool failed() const { return m_failed; }
    Status status() const;

private:
    QJsonObject m_object;
    bool m_failed = false;
};

} // namespace osc::json
