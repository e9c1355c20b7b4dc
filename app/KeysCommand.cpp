#include "KeysCommand.h"

#include "Engine.h"
#include "core/Rfc3339.h"

#include <QTextStream>

#include <algorithm>
#include <optional>

namespace osc::app {

namespace {

QString option(const QStringList &args, const QString &name)
{
    const QString prefix = QStringLiteral("--%1=").arg(name);
    for (const QString &arg : args)
        if (arg.startsWith(prefix))
            return arg.mid(prefix.size());
    return {};
}

QStringList splitList(const QString &text)
{
    QStringList out;
    for (const QString &part : text.split(QLatin1Char(','), Qt::SkipEmptyParts))
        out.append(part.trimmed());
    return out;
}

// The workspace the command acts on: --workspace (an id or a name) or the default one.
std::optional<QString> workspaceOf(Engine &engine, const QStringList &args, QTextStream &err)
{
    const QString prefix = QStringLiteral("--workspace=");
    const bool given
        = std::any_of(args.begin(), args.end(), [&](const QString &a) { return a.startsWith(prefix); });
    if (!given)
        return engine.defaultWorkspaceId();
    const QString wanted = option(args, QStringLiteral("workspace")).trimmed();
    if (wanted.isEmpty()) {
        err << "error: --workspace needs a workspace id or name\n";
        return std::nullopt;
    }
    auto found = engine.findWorkspace(wanted);
    if (!found) {
        err << "error: " << QString(found.error().message).replace(QLatin1Char('\n'), QStringLiteral(": "))
            << " (workspaces: ";
        if (auto all = engine.workspaces()) {
            QStringList names;
            for (const Workspace &w : all.value())
                names << QStringLiteral("%1 \"%2\"").arg(w.id, w.name);
            err << names.join(QStringLiteral(", "));
        }
        err << ")\n";
        return std::nullopt;
    }
    return found->id;
}

// --rate-limit and --burst: absent = 0 (unlimited / the rate).
std::optional<RateLimit> rateLimitOf(const QStringList &args, QTextStream &err)
{
    RateLimit limit;
    for (const auto &[name, target] : {std::pair{QStringLiteral("rate-limit"), &limit.perMinute},
             std::pair{QStringLiteral("burst"), &limit.burst}}) {
        const QString text = option(args, name);
        if (text.isEmpty())
            continue;
        bool ok = false;
        *target = text.toInt(&ok);
        if (!ok || *target < 0) {
            err << "error: --" << name << " must be a whole number, 0 or more\n";
            return std::nullopt;
        }
    }
    return limit;
}

QString formatRateLimit(const RateLimit &limit)
{
    if (!limit.enabled())
        return QStringLiteral("unlimited");
    return QStringLiteral("%1/min burst %2").arg(limit.perMinute).arg(limit.capacity());
}

QString formatTime(const std::optional<qint64> &ns)
{
    return ns ? rfc3339::formatSeconds(*ns) : QStringLiteral("-");
}

int create(Engine &engine, const QStringList &args, QTextStream &out, QTextStream &err)
{
    ApiKeyDraft draft;
    draft.name = option(args, QStringLiteral("name"));
    draft.scopes = splitList(option(args, QStringLiteral("scopes")));
    draft.allowedMeters = splitList(option(args, QStringLiteral("allowed-meters")));
    if (const QString expires = option(args, QStringLiteral("expires-at")); !expires.isEmpty()) {
        const auto parsed = rfc3339::parse(expires);
        if (!parsed) {
            err << "error: --expires-at must be RFC3339 (e.g. 2027-01-01T00:00:00Z)\n";
            return 2;
        }
        draft.expiresAtNs = parsed->clampedInt64(); // only compared with the clock
    }
    const auto limit = rateLimitOf(args, err);
    if (!limit)
        return 2;
    draft.rateLimit = *limit;
    const auto workspace = workspaceOf(engine, args, err);
    if (!workspace)
        return 2;
    auto created = engine.apiKeys().create(*workspace, draft);
    if (!created) {
        err << "error: " << QString(created.error().message).replace(QLatin1Char('\n'), QStringLiteral(": "))
            << '\n';
        return 2;
    }
    const ApiKey &key = created->key;
    err << "Created API key \"" << key.name << "\" (id " << key.id << ")\n"
        << "  scopes:         " << key.scopes.join(QStringLiteral(", ")) << '\n'
        << "  allowed meters: "
        << (key.allowedMeters.isEmpty() ? QStringLiteral("all")
                                        : key.allowedMeters.join(QStringLiteral(", ")))
        << '\n'
        << "  expires:        " << formatTime(key.expiresAtNs) << '\n'
        << "  rate limit:     " << formatRateLimit(key.rateLimit) << '\n'
        << "Store it now: the key is shown only once.\n";
    err.flush();
    out << created->secret << '\n';
    return 0;
}

int list(Engine &engine, const QStringList &args, QTextStream &out, QTextStream &err)
{
    const auto workspace = workspaceOf(engine, args, err);
    if (!workspace)
        return 2;
    auto keys = engine.apiKeys().list(*workspace);
    if (!keys) {
        err << "error: " << keys.error().message << '\n';
        return 1;
    }
    const qint64 now = engine.clock().nowNs();
    out << QStringLiteral("%1  %2  %3  %4  %5  %6  %7  %8\n")
               .arg(QStringLiteral("ID"), -36)
               .arg(QStringLiteral("NAME"), -16)
               .arg(QStringLiteral("PREFIX"), -18)
               .arg(QStringLiteral("STATUS"), -8)
               .arg(QStringLiteral("LAST USED"), -20)
               .arg(QStringLiteral("SCOPES"))
               .arg(QStringLiteral("ALLOWED METERS"))
               .arg(QStringLiteral("RATE LIMIT"));
    for (const ApiKey &key : keys.value()) {
        const QString status = key.revokedAtNs ? QStringLiteral("revoked")
            : key.usableAt(now)                ? QStringLiteral("active")
                                               : QStringLiteral("expired");
        out << QStringLiteral("%1  %2  %3  %4  %5  %6  %7  %8\n")
                   .arg(key.id, -36)
                   .arg(key.name, -16)
                   .arg(key.prefix, -18)
                   .arg(status, -8)
                   .arg(formatTime(key.lastUsedAtNs), -20)
                   .arg(key.scopes.join(QLatin1Char(',')))
                   .arg(key.allowedMeters.isEmpty() ? QStringLiteral("all")
                                                    : key.allowedMeters.join(QLatin1Char(',')))
                   .arg(formatRateLimit(key.rateLimit));
    }
    return 0;
}

int revoke(Engine &engine, const QStringList &args, QTextStream &out, QTextStream &err)
{
    if (args.size() < 2 || args.at(1).startsWith(QLatin1StringView("--"))) {
        err << "usage: open-spanner-console keys revoke ID\n";
        return 2;
    }
    const auto workspace = workspaceOf(engine, args, err);
    if (!workspace)
        return 2;
    auto revoked = engine.apiKeys().revoke(*workspace, args.at(1));
    if (!revoked) {
        err << "error: " << revoked.error().message << '\n';
        return 1;
    }
    if (!revoked.value()) {
        err << "error: no API key with id " << args.at(1) << '\n';
        return 1;
    }
    out << "Revoked " << args.at(1) << '\n';
    return 0;
}

// The limit is stored with the key; a server running on the same database picks it up when its key
// cache refreshes (ApiKeyService::kKeyCacheTtlMs).
int setRateLimit(Engine &engine, const QStringList &args, QTextStream &out, QTextStream &err)
{
    if (args.size() < 2 || args.at(1).startsWith(QLatin1StringView("--"))
        || option(args, QStringLiteral("rate-limit")).isEmpty()) {
        err << "usage: open-spanner-console keys rate-limit ID --rate-limit R [--burst B]\n";
        return 2;
    }
    const auto limit = rateLimitOf(args, err);
    if (!limit)
        return 2;
    const auto workspace = workspaceOf(engine, args, err);
    if (!workspace)
        return 2;
    auto changed = engine.apiKeys().setRateLimit(*workspace, args.at(1), *limit);
    if (!changed) {
        err << "error: " << QString(changed.error().message).replace(QLatin1Char('\n'), QStringLiteral(": "))
            << '\n';
        return changed.error().kind == ErrorKind::InvalidInput ? 2 : 1;
    }
    if (!changed.value()) {
        err << "error: no API key with id " << args.at(1) << '\n';
        return 1;
    }
    out << "Rate limit of " << args.at(1) << ": " << formatRateLimit(*limit) << '\n';
    return 0;
}

} // namespace

int runKeysCommand(Engine &engine, const QStringList &args)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    const QString sub = args.value(0);
    if (sub == QLatin1StringView("create"))
        return create(engine, args, out, err);
    if (sub == QLatin1StringView("list"))
        return list(engine, args, out, err);
    if (sub == QLatin1StringView("revoke"))
        return revoke(engine, args, out, err);
    if (sub == QLatin1StringView("rate-limit"))
        return setRateLimit(engine, args, out, err);
    err << "usage: open-spanner-console keys create|list|revoke|rate-limit (see --help)\n";
    return 2;
}

} // namespace osc::app
