#include "WebhookSignature.h"

#include <QMessageAuthenticationCode>
#include <QRandomGenerator>

#include <array>

namespace osc::alerts {

QString newWebhookSecret()
{
    std::array<quint32, 8> words{};
    QRandomGenerator::system()->fillRange(words.data(), words.size());
    const QByteArray bytes(reinterpret_cast<const char *>(words.data()), sizeof words);
    return kSecretPrefix
        + QString::fromLatin1(bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

QByteArray webhookSignature(const QString &secret, qint64 timestampSeconds, const QByteArray &body)
{
    QMessageAuthenticationCode mac(QCryptographicHash::Sha256, secret.toUtf8());
    mac.addData(QByteArray::number(timestampSeconds) + '.');
    mac.addData(body);
    return "v1=" + mac.result().toHex();
}

} // namespace osc::alerts
