#include "ErrorJson.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace osc::wire {

QByteArray errorEnvelope(const Error &error)
{
    const QJsonObject body{{QStringLiteral("error"),
        QJsonObject{{QStringLiteral("code"), error.code}, {QStringLiteral("message"), error.message}}}};
    return QJsonDocument(body).toJson(QJsonDocument::Compact) + '\n';
}

} // namespace osc::wire
