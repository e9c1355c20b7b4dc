#pragma once

#include "PasswordHash.h"
#include "Principal.h"
#include "core/Clock.h"
#include "core/Result.h"
#include "model/Account.h"

#include <QMutex>

#include <optional>

namespace osc {

class AccountStore;

// A login's result: the user and both freshly issued tokens. The tokens are handed to the client once
// (as cookies) and stored only as SHA-256.
struct IssuedSession
{
    User user;
    QString accessToken;
    qint64 accessExpiresAtNs = 0;
    QString refreshToken;
    qint64 refreshExpiresAtNs = 0;
};

// Dashboard users and sessions (contract §1.6, §2.4): registration with an owned workspace, login,
// access-token authentication, refresh-token rotation, logout, and the registration switch.
class AccountService
{
public:
    static constexpr QLatin1StringView kAccessPrefix{"osp_at_"};
    static constexpr QLatin1StringView kRefreshPrefix{"osp_rt_"};
    static constexpr qint64 kAccessTtlNs = 15 * 60 * kNanosPerSecond;
    static constexpr qint64 kRefreshTtlNs = 30 * kSecondsPerDay * kNanosPerSecond;
    static constexpr int kMinPasswordRunes = 8;
    // Far above any passphrase, and keeps a megabyte "password" from being fed to the KDF.
    static constexpr int kMaxPasswordBytes = 1024;
    static constexpr int kMaxEmailBytes = 254;
    static constexpr QLatin1StringView kRegistrationSetting{"registration_enabled"};

    // Who asks to create a user: the public route obeys the registration switch; the console (its
    // owner, on their own machine) may always add users, so closing sign-up never locks anyone out.
    enum class Door
    {
        Public,
        Console
    };

    struct Settings
    {
        password::Cost passwordCost = password::Cost::interactive();
        // From OPEN_SPANNER_REGISTRATION / --registration: wins over the stored setting while set.
        std::optional<bool> registrationOverride;
    };

    AccountService(AccountStore &store, const Clock &clock);

    void configure(const Settings &settings);

    // Email trimmed and lower-cased; password at least 8 runes. Creates the user's workspace
    // ("<local part>'s workspace") with the user as owner. Taken email → conflict.
    Result<User> registerUser(const QString &email, const QString &password, Door door = Door::Public);
    // Wrong email or password → 401 `unauthorized\ninvalid credentials` (same time either way).
    Result<IssuedSession> login(const QString &email, const QString &password);
    // An access token → the session principal of its user's workspace.
    Result<Principal> authenticateSession(const QString &accessToken);
    // Rotates both tokens; the old refresh token stops working (a reuse → 401).
    Result<IssuedSession> refresh(const QString &refreshToken);
    // Ends whatever sessions the tokens belong to (either may be empty or unknown).
    Status logout(const QString &accessToken, const QString &refreshToken);
    // The user behind a session principal; anything else → 401 (session-only routes).
    Result<User> sessionUser(const Principal &principal);

    // The console door (the instance's owner): a forgotten password is set anew, validated as at
    // registration and hashed the same way, and every session of the user ends at once, so a cookie
    // issued before the reset stops working. Unknown user → not found.
    Status resetPassword(const QString &userId, const QString &newPassword);

    Result<QList<User>> listUsers();
    // Every workspace, oldest first, and who belongs to which (users own the one made at registration).
    Result<QList<Workspace>> listWorkspaces();
    Result<QList<Membership>> listMemberships();
    // Whether POST /v1/auth/users accepts new users: the override if set, else the stored setting
    // (default open).
    Result<bool> registrationEnabled();
    Status setRegistrationEnabled(bool enabled);
    bool registrationOverridden() const;

    static QString normalizeEmail(const QString &email);
    static bool looksLikeEmail(const QString &normalized);
    static QString workspaceNameFor(const QString &normalizedEmail);
    static QByteArray hashToken(const QString &token);

private:
    struct Minted
    {
        IssuedSession session;
        QList<std::pair<AuthSession, QByteArray>> rows; // what the store keeps: sessions by token hash
    };
    // The password rules shared by registration and reset.
    static Status validatePassword(const QString &password);
    static Minted mint(const User &user, const QString &workspaceId, qint64 nowNs);
    password::Cost cost() const;
    // A hash at the current cost that no password matches, verified against for unknown emails so a
    // login takes as long whether or not the account exists.
    QByteArray decoyHash();

    AccountStore &m_store;
    const Clock &m_clock;
    mutable QMutex m_mutex;
    Settings m_settings;
    QByteArray m_decoyHash;
};

} // namespace osc
