#pragma once

#include <QByteArray>
#include <QString>

namespace osc::alerts {

inline constexpr QLatin1StringView kSignatureHeader{"X-Open-Spanner-Signature"};
inline constexpr QLatin1StringView kTimestampHeader{"X-Open-Spanner-Timestamp"};
inline constexpr QLatin1StringView kSigningAlgorithm{"hmac-sha256"};
inline constexpr QLatin1StringView kUserAgent{"open-spanner-alert-worker"};
inline constexpr QLatin1StringView kSecretPrefix{"osp_whsec_"};

// `osp_whsec_` + base64url (no padding) of 32 bytes from the system CSPRNG (§9.1).
QString newWebhookSecret();
// `v1=` + lowercase hex HMAC-SHA256(secret, "<timestamp>.<body>") (§9.3); `timestamp` in Unix seconds.
QByteArray webhookSignature(const QString &secret, qint64 timestampSeconds, const QByteArray &body);

} // namespace osc::alerts
