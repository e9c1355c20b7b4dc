#pragma once

#include "HttpTypes.h"
#include "auth/Principal.h"
#include "core/Result.h"

namespace osc {
class AccountService;
class ApiKeyService;
} // namespace osc

namespace osc::http {

// Credential resolution of contract §2.1: X-Open-Spanner-API-Key, then X-API-Key, then
// `Authorization: Bearer`, then the `open_spanner_access` session cookie. A present API-key header is
// used exclusively (a bad key is 401 even next to a valid cookie).
Result<Principal> authenticate(const Request &request, ApiKeyService &keys, AccountService &accounts);

// Session-only routes (§2.1: key management, current session, saved queries): an API key, even a
// valid one, is 401; otherwise the session cookie decides.
Result<Principal> authenticateSession(const Request &request, AccountService &accounts);

// The secret the request presents, or empty.
QString presentedApiKey(const Request &request);

} // namespace osc::http
