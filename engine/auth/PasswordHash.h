#pragma once

#include "core/Result.h"

#include <QByteArray>
#include <QString>

namespace osc::password {

// Argon2id cost (libsodium crypto_pwhash). The cost is written into every hash string with its salt,
// so a hash made at one cost still verifies after the setting changes.
struct Cost
{
    unsigned long long opsLimit = 0;
    size_t memLimitBytes = 0;

    // libsodium's "interactive" level (2 passes, 64 MiB): about 0.1 s per hash on a laptop core.
    static Cost interactive();
    // The smallest cost libsodium allows: for tests, which register and log in many users.
    static Cost minimal();
};

// The crypto_pwhash_str string ("$argon2id$v=19$m=…,t=…,p=1$salt$hash"), or an internal error when
// the machine cannot spare the memory.
Result<QByteArray> hash(const QString &password, const Cost &cost);
// Constant-time verification of `password` against a hash string; false for malformed strings.
bool verify(const QByteArray &hashString, const QString &password);

} // namespace osc::password
