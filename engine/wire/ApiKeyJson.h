#pragma once

#include "model/ApiKey.h"

#include <QJsonObject>

namespace osc::wire {

// APIKey JSON of contract §2.5; `key` is added only for a freshly created key.
QJsonObject apiKeyToJson(const ApiKey &key);
QJsonObject createdApiKeyToJson(const CreatedApiKey &created);

} // namespace osc::wire
