#include "AccountService.h"

#include "core/Ids.h"
#include "store/AccountStore.h"

#include <QCryptographicHash>
#include <QRandomGenerator>

namespace osc {

namespace {

constexpr int kTokenRandomBytes = 32;

QString newToken(QLatin1StringView prefix)
{
    QByteArray random(kTokenRandomBytes, Qt::Uninitialized);
    QRandomGenerator::system()->generate(reinterpret_cast<quint32 *>(random.data()),
        reinterpret_cast<quint32 *>(random.data() + random.size()));
    return prefix
        + QString::fromLatin1(
            random.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

qsizetype runeCount(const QString &text)
{
    return text.toUcs4().size();
}

} // namespace

AccountService::AccountService(AccountStore &store, const Clock &clock)
    : m_store(store)
    , m_clock(clock)
{ }

void AccountService::configure(const Settings &settings)
{
    QMutexLocker lock(&m_mutex);
    if (settings.passwordCost.opsLimit != m_settings.passwordCost.opsLimit
        || settings.passwordCost.memLimitBytes != m_settings.passwordCost.memLimitBytes)
        m_decoyHash.clear();
    m_settings = settings;
}

password::Cost AccountService::cost() const
{
    QMutexLocker lock(&m_mutex);
    return m_settings.passwordCost;
}

QByteArray AccountService::decoyHash()
{
    {
        QMutexLocker lock(&m_mutex);
        if (!m_decoyHash.isEmpty())
            return m_decoyHash;
    }
    auto made = password::hash(newToken(kRefreshPrefix), cost()); // a random secret nobody knows
    QMutexLocker lock(&m_mutex);
    if (made)
        m_decoyHash = made.value();
    return m_decoyHash;
}

QString AccountService::normalizeEmail(const QString &email)
{
    return email.trimmed().toLower();
}

bool AccountService::looksLikeEmail(const QString &normalized)
{
    // Upstream asks only for an "@"; we also want something on both sides of the last one and no spaces,
    // which every deliverable address has.
    const qsizetype at = normalized.lastIndexOf(QLatin1Char('@'));
    if (at <= 0 || at == normalized.size() - 1 || normalized.toUtf8().size() > kMaxEmailBytes)
        return false;
    for (const QChar c : normalized)
        if (c.isSpace() || c.category() == QChar::Other_Control)
            return false;
    return true;
}

QString AccountService::workspaceNameFor(const QString &normalizedEmail)
{
    return normalizedEmail.left(normalizedEmail.lastIndexOf(QLatin1Char('@')))
        + QStringLiteral("'s workspace");
}

QByteArray AccountService::hashToken(const QString &token)
{
    return QCryptographicHash::hash(token.toUtf8(), QCryptographicHash::Sha256);
}

Result<User> AccountService::registerUser(const QString &email, const QString &password, Door door)
{
    if (door == Door::Public) {
        auto open = registrationEnabled();
        if (!open)
            return open.error();
        if (!open.value())
            return Error::forbidden(QStringLiteral("registration is disabled"));
    }
    const QString normalized = normalizeEmail(email);
    if (!looksLikeEmail(normalized))
        return Error::invalidInputLine(QStringLiteral("email is required"));
    if (auto valid = validatePassword(password); !valid)
        return valid.error();

    auto hashed = password::hash(password, cost());
    if (!hashed)
        return hashed.error();
    const qint64 now = m_clock.nowNs();
    const User user{newId(), normalized, now};
    const Workspace workspace{newId(), workspaceNameFor(normalized), now};
    if (auto s = m_store.insertUser(user, hashed.value(), workspace); !s)
        return s.error();
    return user;
}

Status AccountService::validatePassword(const QString &password)
{
    if (runeCount(password) < kMinPasswordRunes)
        return Error::invalidInputLine(QStringLiteral("password must be at least 8 characters"));
    if (password.toUtf8().size() > kMaxPasswordBytes)
        return Error::invalidInputLine(QStringLiteral("password is too long"));
    return {};
}

Status AccountService::resetPassword(const QString &userId, const QString &newPassword)
{
    if (auto valid = validatePassword(newPassword); !valid)
        return valid;
    auto hashed = password::hash(newPassword, cost());
    if (!hashed)
        return hashed.error();
    auto replaced = m_store.replacePassword(userId, hashed.value());
    if (!replaced)
        return replaced.error();
    if (!replaced.value())
        return Error::notFound(QStringLiteral("user not found"));
    return {};
}

Result<IssuedSession> AccountService::login(const QString &email, const QString &password)
{
    const QString normalized = normalizeEmail(email);
    std::optional<UserCredentials> found;
    if (looksLikeEmail(normalized)) {
        auto lookup = m_store.findUserByEmail(normalized);
        if (!lookup)
            return lookup.error();
        found = std::move(lookup.value());
    }
    if (!found) {
        (void)password::verify(decoyHash(), password);
        return Error::invalidCredentials();
    }
    if (!password::verify(found->passwordHash, password))
        return Error::invalidCredentials();
    const qint64 now = m_clock.nowNs();
    (void)m_store.deleteSessionsExpiredBefore(now); // housekeeping; a failure must not fail the login
    Minted minted = mint(found->user, found->workspaceId, now);
    if (auto s = m_store.insertSessions(minted.rows); !s)
        return s.error();
    return minted.session;
}

AccountService::Minted AccountService::mint(const User &user, const QString &workspaceId, qint64 nowNs)
{
    Minted minted;
    IssuedSession &issued = minted.session;
    issued.user = user;
    issued.accessToken = newToken(kAccessPrefix);
    issued.accessExpiresAtNs = nowNs + kAccessTtlNs;
    issued.refreshToken = newToken(kRefreshPrefix);
    issued.refreshExpiresAtNs = nowNs + kRefreshTtlNs;
    const QString pairId = newId();
    const AuthSession access{
        AuthSession::Kind::Access, pairId, user.id, workspaceId, nowNs, issued.accessExpiresAtNs};
    const AuthSession refresh{
        AuthSession::Kind::Refresh, pairId, user.id, workspaceId, nowNs, issued.refreshExpiresAtNs};
    minted.rows = {{access, hashToken(issued.accessToken)}, {refresh, hashToken(issued.refreshToken)}};
    return minted;
}

Result<Principal> AccountService::authenticateSession(const QString &accessToken)
{
    if (accessToken.isEmpty())
        return Error::unauthorized();
    if (!accessToken.startsWith(kAccessPrefix))
        return Error::invalidCredentials();
    auto found = m_store.findSession(hashToken(accessToken));
    if (!found)
        return found.error();
    const std::optional<AuthSession> &session = found.value();
    if (!session || session->kind != AuthSession::Kind::Access || session->expiresAtNs <= m_clock.nowNs())
        return Error::invalidCredentials();
    return Principal::session(session->workspaceId, session->userId);
}

Result<IssuedSession> AccountService::refresh(const QString &refreshToken)
{
    if (refreshToken.isEmpty())
        return Error::unauthorized();
    if (!refreshToken.startsWith(kRefreshPrefix))
        return Error::invalidCredentials();
    const QByteArray oldHash = hashToken(refreshToken);
    auto found = m_store.findSession(oldHash);
    if (!found)
        return found.error();
    const std::optional<AuthSession> &session = found.value();
    const qint64 now = m_clock.nowNs();
    if (!session || session->kind != AuthSession::Kind::Refresh)
        return Error::invalidCredentials();
    if (session->expiresAtNs <= now) {
        (void)m_store.deleteSessions({oldHash});
        return Error::invalidCredentials();
    }
    auto user = m_store.findUserById(session->userId);
    if (!user)
        return user.error();
    if (!user.value())
        return Error::invalidCredentials();
    Minted minted = mint(*user.value(), session->workspaceId, now);
    auto rotated = m_store.rotateSession(oldHash, minted.rows);
    if (!rotated)
        return rotated.error();
    if (!rotated.value())
        return Error::invalidCredentials(); // another refresh used this token first
    return minted.session;
}

Status AccountService::logout(const QString &accessToken, const QString &refreshToken)
{
    QList<QByteArray> hashes;
    for (const QString &token : {accessToken, refreshToken})
        if (!token.isEmpty())
            hashes.append(hashToken(token));
    if (hashes.isEmpty())
        return {};
    return m_store.deleteSessions(hashes);
}

Result<User> AccountService::sessionUser(const Principal &principal)
{
    if (!principal.isSession())
        return Error::unauthorized();
    auto user = m_store.findUserById(principal.userId);
    if (!user)
        return user.error();
    if (!user.value())
        return Error::invalidCredentials();
    return *user.value();
}

Result<QList<User>> AccountService::listUsers()
{
    return m_store.listUsers();
}

Result<QList<Workspace>> AccountService::listWorkspaces()
{
    return m_store.listWorkspaces();
}

Result<QList<Membership>> AccountService::listMemberships()
{
    return m_store.listMemberships();
}

Result<bool> AccountService::registrationEnabled()
{
    {
        QMutexLocker lock(&m_mutex);
        if (m_settings.registrationOverride)
            return *m_settings.registrationOverride;
    }
    auto stored = m_store.accountSetting(kRegistrationSetting);
    if (!stored)
        return stored.error();
    return !stored.value() || stored.value() != QLatin1StringView("false");
}

Status AccountService::setRegistrationEnabled(bool enabled)
{
    return m_store.setAccountSetting(
        kRegistrationSetting, enabled ? QStringLiteral("true") : QStringLiteral("false"));
}

bool AccountService::registrationOverridden() const
{
    QMutexLocker lock(&m_mutex);
    return m_settings.registrationOverride.has_value();
}

} // namespace osc
