#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QJsonObject>
#include <QJsonValue>
#include <QStringView>

namespace osc::wire {

// JSON text exactly as Go's encoding/json writes it, so stored metadata, responses and CSV exports are
// byte-for-byte what upstream clients see: `<`, `>`, `&`, U+2028 and U+2029 escaped as \uXXXX, other
// control characters as \n, \r, \t or \u00XX, object keys sorted by their UTF-8 bytes, and float64
// numbers in Go's shortest form (plain decimal, exponent only below 1e-6 or from 1e21 on). Writing
// straight into a byte buffer also avoids QJsonDocument's tree, which dominated bulk responses.

void appendJsonString(QByteArray &out, QStringView text);
void appendJsonNumber(QByteArray &out, double value);
// Any JSON value; objects with keys in UTF-8 byte order.
void appendJsonValue(QByteArray &out, const QJsonValue &value);
QByteArray compactJson(const QJsonObject &object);

} // namespace osc::wire
