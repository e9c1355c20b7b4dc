#include "PasswordHash.h"

#include <sodium.h>

namespace osc::password {

namespace {

bool sodiumReady()
{
    static const bool ready = sodium_init() >= 0; // thread-safe once; later calls are no-ops
    return ready;
}

} // namespace

Cost Cost::interactive()
{
    return {crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE};
}

Cost Cost::minimal()
{
    return {crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN};
}

Result<QByteArray> hash(const QString &password, const Cost &cost)
{
    if (!sodiumReady())
        return Error::internal(QStringLiteral("libsodium failed to initialize"));
    const QByteArray utf8 = password.toUtf8();
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str_alg(out, utf8.constData(), static_cast<unsigned long long>(utf8.size()),
            cost.opsLimit, cost.memLimitBytes, crypto_pwhash_ALG_ARGON2ID13)
        != 0)
        return Error::internal(QStringLiteral("password hashing ran out of memory"));
    return QByteArray(out);
}

bool verify(const QByteArray &hashString, const QString &password)
{
    if (!sodiumReady() || hashString.isEmpty() || hashString.size() >= crypto_pwhash_STRBYTES)
        return false;
    const QByteArray utf8 = password.toUtf8();
    // crypto_pwhash_str_verify wants a NUL-terminated string; QByteArray guarantees one.
    return crypto_pwhash_str_verify(
               hashString.constData(), utf8.constData(), static_cast<unsigned long long>(utf8.size()))
        == 0;
}

} // namespace osc::password
