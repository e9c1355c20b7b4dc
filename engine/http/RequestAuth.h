#pragma once

#include "HttpTypes.h"
#include "auth/Principal.h"
#include "core/Result.h"

namespace osc {
class ApiKeyService;
}

namespace osc::http {

// Credential resolution of contract §2.1: X-Open-Spanner-API-Key, then X-API-Key, then
// `Authorization: Bearer`. A present API-key header is used exclusively. This console has no dashboard
// sessions, so a session cookie alone authenticates nothing (401).
Result<Principal> authenticate(const Request &request, ApiKeyService &keys);

// The secret the request presents, or empty.
QString presentedApiKey(const Request &request);

} // namespace osc::http
