// Contract §2.1–§2.3 and §13.3 items 20/21: scope normalization and matching, the permission matrix,
// allowed_meters, and API keys (format, hashing, authentication, expiry, revocation) on a real store.

#include "auth/ApiKeyService.h"
#include "auth/Permission.h"
#include "auth/Scope.h"
#include "core/Clock.h"
#include "store/sqlite/SqliteStore.h"

#include <QDebug>
#include <QDirIterator>
#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace osc;

namespace {

constexpr qint64 kNs = 1'000'000'000;
constexpr qint64 kT0 = 1'780'912'800 * kNs; // 2026-06-08T10:00:00Z
const QString kWorkspace = QStringLiteral("default");

QStringList list(std::initializer_list<const char *> items)
{
    QStringList out;
    for (const char *item : items)
        out.append(QString::fromUtf8(item));
    return out;
}

Principal apiKeyPrincipal(const QStringList &scopes, const QStringList &allowedMeters = {})
{
    Principal p;
    p.kind = Principal::Kind::ApiKey;
    p.workspaceId = kWorkspace;
    p.apiKeyId = QStringLiteral("key-1");
    p.scopes = scopes;
    p.allowedMeters = allowedMeters;
    return p;
}

constexpr Operation kLastOperation = Operation::ExportUsageReport;

QList<Operation> allOperations()
{
    QList<Operation> out;
    for (int i = 0; i <= int(kLastOperation); ++i)
        out.append(Operation(i));
    return out;
}

const QRegularExpression kUuidV4(
    QStringLiteral("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$"));
const QRegularExpression kBase64Url(QStringLiteral("^[A-Za-z0-9_-]+$"));

} // namespace

class TstAuthorizer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // Scopes
    void actionNames();
    void scopeCatalogue();
    void normalize_data();
    void normalize();
    void grants_data();
    void grants();

    // Authorizer
    void ownerAllowedEverything();
    void authorizeTable_data();
    void authorizeTable();
    void permissionMatrixHasOneRulePerOperation();
    void permissionMatrixRows_data();
    void permissionMatrixRows();

    // ApiKeyService on SQLite (each test opens a fresh database)
    void cleanup();
    void createKey();
    void createKeyAllowedMetersAndScopes();
    void createKeyValidation_data();
    void createKeyValidation();
    void authenticateSetsLastUsed();
    void authenticateUnknownAndEmpty_data();
    void authenticateUnknownAndEmpty();
    void expiredKeyIsRejected();
    void revokedKeyIsRejected();
    void deletedKeyIsRejected();
    void listNewestFirst();
    void secretIsStoredOnlyHashed();
    void bootstrapKeyIsIdempotentAndGrantsEverything();

private:
    bool openStore();

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<SqliteStore> m_store;
    std::unique_ptr<ManualClock> m_clock;
    std::unique_ptr<ApiKeyService> m_keys;
};

// ---------------------------------------------------------------------------------------------------
// Scopes

void TstAuthorizer::actionNames()
{
    QCOMPARE(actionName(Action::UsageWrite), QStringLiteral("usage:write"));
    QCOMPARE(actionName(Action::UsageRead), QStringLiteral("usage:read"));
    QCOMPARE(actionName(Action::MetersRead), QStringLiteral("meters:read"));
    QCOMPARE(actionName(Action::MetersWrite), QStringLiteral("meters:write"));
    QCOMPARE(actionName(Action::AlertsRead), QStringLiteral("alerts:read"));
    QCOMPARE(actionName(Action::AlertsWrite), QStringLiteral("alerts:write"));
    QCOMPARE(actionName(Action::ExportsRead), QStringLiteral("exports:read"));
    QCOMPARE(actionName(Action::ExportsWrite), QStringLiteral("exports:write"));
    QCOMPARE(actionName(Action::PlansRead), QStringLiteral("plans:read"));
    QCOMPARE(actionName(Action::PlansWrite), QStringLiteral("plans:write"));
    QCOMPARE(actionName(Action::SystemRead), QStringLiteral("system:read"));
}

void TstAuthorizer::scopeCatalogue()
{
    // §2.2: the accepted scope strings, and the default set in its exact order.
    QCOMPARE(scopes::all(),
        list({"usage:write", "usage:read", "meters:read", "meters:write", "alerts:read", "alerts:write",
            "exports:read", "exports:write", "exports:usage", "plans:read", "plans:write", "system:read",
            "usage:*", "meters:*", "alerts:*", "exports:*", "plans:*", "system:*", "*"}));
    QCOMPARE(
        scopes::defaults(), list({"usage:write", "usage:read", "meters:read", "meters:write", "plans:read"}));
}

void TstAuthorizer::normalize_data()
{
    QTest::addColumn<QStringList>("input");
    QTest::addColumn<QStringList>("expected");
    QTest::addColumn<QString>("expectedError");

    QTest::newRow("empty → defaults in exact order")
        << QStringList() << list({"usage:write", "usage:read", "meters:read", "meters:write", "plans:read"})
        << QString();
    QTest::newRow("trimmed") << list({"  usage:read\t"}) << list({"usage:read"}) << QString();
    QTest::newRow("lower-cased") << list({"Usage:Write", "METERS:*"}) << list({"usage:write", "meters:*"})
                                 << QString();
    QTest::newRow("de-duplicated, order kept")
        << list({"plans:read", "usage:write", "PLANS:READ", " plans:read "})
        << list({"plans:read", "usage:write"}) << QString();
    QTest::newRow("blanks dropped") << list({"", "usage:read", "   "}) << list({"usage:read"}) << QString();
    QTest::newRow("wildcard") << list({"*"}) << list({"*"}) << QString();
    QTest::newRow("every scope") << scopes::all() << scopes::all() << QString();
    QTest::newRow("blanks only") << list({"", "  ", "\t"}) << QStringList()
                                 << "invalid input\nat least one api key scope is required";
    QTest::newRow("single blank") << list({""}) << QStringList()
                                  << "invalid input\nat least one api key scope is required";
    QTest::newRow("unknown") << list({"x"}) << QStringList()
                             << "invalid input\nunsupported api key scope \"x\"";
    QTest::newRow("unknown after valid") << list({"usage:read", "bogus"}) << QStringList()
                                         << "invalid input\nunsupported api key scope \"bogus\"";
    QTest::newRow("unknown verb") << list({"usage:delete"}) << QStringList()
                                  << "invalid input\nunsupported api key scope \"usage:delete\"";
    QTest::newRow("area without verb")
        << list({"usage"}) << QStringList() << "invalid input\nunsupported api key scope \"usage\"";
}

void TstAuthorizer::normalize()
{
    QFETCH(QStringList, input);
    QFETCH(QStringList, expected);
    QFETCH(QString, expectedError);

    const Result<QStringList> result = scopes::normalize(input);
    if (expectedError.isEmpty()) {
        QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().message));
        QCOMPARE(result.value(), expected);
        return;
    }
    QVERIFY(!result.ok());
    QCOMPARE(result.error().message, expectedError);
    QCOMPARE(result.error().code, QStringLiteral("invalid_input"));
    QCOMPARE(result.error().httpStatus(), 400);
}

void TstAuthorizer::grants_data()
{
    QTest::addColumn<QStringList>("scopes");
    QTest::addColumn<int>("action");
    QTest::addColumn<bool>("granted");

    QTest::newRow("exact") << list({"usage:write"}) << int(Action::UsageWrite) << true;
    QTest::newRow("exact, other verb") << list({"usage:write"}) << int(Action::UsageRead) << false;
    QTest::newRow("exact, other area") << list({"usage:read"}) << int(Action::MetersRead) << false;
    QTest::newRow("* grants usage:write") << list({"*"}) << int(Action::UsageWrite) << true;
    QTest::newRow("* grants system:read") << list({"*"}) << int(Action::SystemRead) << true;
    QTest::newRow("usage:* grants usage:read") << list({"usage:*"}) << int(Action::UsageRead) << true;
    QTest::newRow("usage:* grants usage:write") << list({"usage:*"}) << int(Action::UsageWrite) << true;
    QTest::newRow("usage:* does not grant meters:read")
        << list({"usage:*"}) << int(Action::MetersRead) << false;
    QTest::newRow("meters:* grants meters:write") << list({"meters:*"}) << int(Action::MetersWrite) << true;
    QTest::newRow("exports:* grants exports:read") << list({"exports:*"}) << int(Action::ExportsRead) << true;
    QTest::newRow("system:* grants system:read") << list({"system:*"}) << int(Action::SystemRead) << true;
    QTest::newRow("plans:* does not grant alerts:read")
        << list({"plans:*"}) << int(Action::AlertsRead) << false;
    QTest::newRow("no scopes") << QStringList() << int(Action::UsageRead) << false;
    QTest::newRow("second scope matches")
        << list({"plans:read", "usage:read"}) << int(Action::UsageRead) << true;
    QTest::newRow("defaults lack exports:read") << scopes::defaults() << int(Action::ExportsRead) << false;
    QTest::newRow("defaults lack plans:write") << scopes::defaults() << int(Action::PlansWrite) << false;
    QTest::newRow("defaults have plans:read") << scopes::defaults() << int(Action::PlansRead) << true;
    QTest::newRow("defaults lack system:read") << scopes::defaults() << int(Action::SystemRead) << false;
}

void TstAuthorizer::grants()
{
    QFETCH(QStringList, scopes);
    QFETCH(int, action);
    QFETCH(bool, granted);
    QCOMPARE(scopes::grants(scopes, Action(action)), granted);
}

// ---------------------------------------------------------------------------------------------------
// Authorizer

void TstAuthorizer::ownerAllowedEverything()
{
    // §2.2: dashboard sessions (the console owner) are allowed everything, without scopes.
    const Principal owner = Principal::owner(kWorkspace);
    for (const Operation op : allOperations()) {
        QVERIFY(osc::authorize(owner, op, {}).ok());
        QVERIFY(osc::authorize(owner, op, {QString()}).ok());
        QVERIFY(osc::authorize(owner, op, {QStringLiteral("B")}).ok());
    }
}

void TstAuthorizer::authorizeTable_data()
{
    QTest::addColumn<QStringList>("scopes");
    QTest::addColumn<QStringList>("allowedMeters");
    QTest::addColumn<int>("operation");
    QTest::addColumn<QStringList>("meters");
    QTest::addColumn<QString>("expectedMessage"); // empty = allowed; "forbidden" = any 403

    const QStringList a = list({"A"});
    const QStringList empty;

    // §13.3 item 18: scopes ["usage:write"] + allowed_meters [A]
    QTest::newRow("usage write meter A")
        << list({"usage:write"}) << a << int(Operation::CreateUsage) << a << QString();
    QTest::newRow("usage write meter B") << list({"usage:write"}) << a << int(Operation::CreateUsage)
                                         << list({"B"}) << "forbidden\napi key cannot access meter \"B\"";
    QTest::newRow("usage read lacks scope") << list({"usage:write"}) << a << int(Operation::ListUsageBuckets)
                                            << a << "forbidden\nnot allowed to usage:read usage";
    QTest::newRow("scope checked before meter")
        << list({"usage:write"}) << a << int(Operation::ListUsageBuckets) << list({"B"})
        << "forbidden\nnot allowed to usage:read usage";
    QTest::newRow("bulk: every meter checked")
        << list({"usage:write"}) << a << int(Operation::CreateUsageBulk) << list({"A", "B"})
        << "forbidden\napi key cannot access meter \"B\"";
    QTest::newRow("bulk: all allowed")
        << list({"usage:write"}) << a << int(Operation::CreateUsageBulk) << list({"A", "A"}) << QString();

    // §13.3 item 20: exact scope match; missing scope; meter not in list; empty resource meter.
    QTest::newRow("exact scope, no allow-list")
        << list({"meters:read"}) << empty << int(Operation::ListMeters) << list({""}) << QString();
    QTest::newRow("missing meters:write") << list({"meters:read"}) << empty << int(Operation::CreateMeter)
                                          << list({"m"}) << "forbidden\nnot allowed to meters:write meter";
    QTest::newRow("missing system:read") << scopes::defaults() << empty << int(Operation::SystemStats)
                                         << empty << "forbidden\nnot allowed to system:read system";
    QTest::newRow("empty resource meter with allow-list")
        << list({"meters:read"}) << a << int(Operation::ListMeters) << list({""}) << "forbidden";
    QTest::newRow("no meter at all with allow-list")
        << list({"meters:read"}) << a << int(Operation::MeterStats) << empty << "forbidden";
    QTest::newRow("subjects with allow-list")
        << list({"usage:read"}) << a << int(Operation::ListSubjects) << list({""}) << "forbidden";
    QTest::newRow("exports list with allow-list")
        << list({"exports:read"}) << a << int(Operation::ListExports) << list({""}) << "forbidden";
    QTest::newRow("prune with allow-list")
        << list({"usage:write"}) << a << int(Operation::PruneUsageEvents) << list({""}) << "forbidden";
    QTest::newRow("named meter list with allow-list")
        << list({"meters:read"}) << a << int(Operation::ListMeters) << a << QString();
    QTest::newRow("* in allow-list, meter B") << list({"usage:write"}) << list({"A", "*"})
                                              << int(Operation::CreateUsage) << list({"B"}) << QString();
    QTest::newRow("* in allow-list, no meter")
        << list({"meters:read"}) << list({"*"}) << int(Operation::ListMeters) << list({""}) << QString();
    QTest::newRow("empty allow-list = all meters")
        << list({"usage:write"}) << empty << int(Operation::CreateUsage) << list({"anything"}) << QString();
    QTest::newRow("system stats is not a meter resource")
        << list({"system:read"}) << a << int(Operation::SystemStats) << empty << QString();

    // §2.3: direct exports need usage:read AND exports:read; queued exports usage:read AND exports:write.
    QTest::newRow("bucket export: usage:read only")
        << list({"usage:read"}) << empty << int(Operation::ExportUsageBuckets) << a
        << "forbidden\nnot allowed to exports:read export";
    QTest::newRow("bucket export: exports:read only")
        << list({"exports:read"}) << empty << int(Operation::ExportUsageBuckets) << a
        << "forbidden\nnot allowed to usage:read usage";
    QTest::newRow("bucket export: both") << list({"usage:read", "exports:read"}) << empty
                                         << int(Operation::ExportUsageBuckets) << a << QString();
    QTest::newRow("event export: default key")
        << scopes::defaults() << empty << int(Operation::ExportUsageEvents) << a
        << "forbidden\nnot allowed to exports:read export";
    QTest::newRow("event export: wildcards")
        << list({"usage:*", "exports:*"}) << empty << int(Operation::ExportUsageEvents) << a << QString();
    QTest::newRow("queued export: needs exports:write")
        << list({"usage:read", "exports:read"}) << empty << int(Operation::CreateExport) << a
        << "forbidden\nnot allowed to exports:write export";
    QTest::newRow("queued export: needs usage:read")
        << list({"exports:write"}) << empty << int(Operation::CreateExport) << a
        << "forbidden\nnot allowed to usage:read usage";
    QTest::newRow("* scope allows export")
        << list({"*"}) << empty << int(Operation::CreateExport) << a << QString();
    QTest::newRow("default key may write usage")
        << scopes::defaults() << empty << int(Operation::CreateUsage) << a << QString();
    QTest::newRow("meters:read cannot delete")
        << list({"meters:read"}) << empty << int(Operation::DeleteMeter) << a
        << "forbidden\nnot allowed to meters:write meter";
}

void TstAuthorizer::authorizeTable()
{
    QFETCH(QStringList, scopes);
    QFETCH(QStringList, allowedMeters);
    QFETCH(int, operation);
    QFETCH(QStringList, meters);
    QFETCH(QString, expectedMessage);

    const Status status
        = osc::authorize(apiKeyPrincipal(scopes, allowedMeters), Operation(operation), meters);
    if (expectedMessage.isEmpty()) {
        QVERIFY2(status.ok(), qPrintable(status.ok() ? QString() : status.error().message));
        return;
    }
    QVERIFY(!status.ok());
    QCOMPARE(status.error().code, QStringLiteral("forbidden"));
    QCOMPARE(status.error().httpStatus(), 403);
    QCOMPARE(status.error().kind, ErrorKind::Forbidden);
    if (expectedMessage == QLatin1StringView("forbidden"))
        QVERIFY2(status.error().message.startsWith(QLatin1StringView("forbidden\n")),
            qPrintable(status.error().message));
    else
        QCOMPARE(status.error().message, expectedMessage);
}

void TstAuthorizer::permissionMatrixHasOneRulePerOperation()
{
    const QList<PermissionRule> &matrix = osc::permissionMatrix();
    QCOMPARE(matrix.size(), int(kLastOperation) + 1);
    for (const Operation op : allOperations()) {
        int count = 0;
        for (const PermissionRule &rule : matrix)
            count += rule.operation == op ? 1 : 0;
        QVERIFY2(count == 1, qPrintable(QStringLiteral("operation %1 has %2 rules").arg(int(op)).arg(count)));
        QCOMPARE(permissionRule(op).operation, op);
        QVERIFY(!permissionRule(op).actions.isEmpty());
    }
}

void TstAuthorizer::permissionMatrixRows_data()
{
    QTest::addColumn<int>("operation");
    QTest::addColumn<QStringList>("actions");
    QTest::addColumn<int>("meterSource"); // -1 = not pinned by the contract

    const int body = int(MeterSource::Body);
    const int query = int(MeterSource::Query);
    const int stored = int(MeterSource::StoredResource);
    const int none = int(MeterSource::None);

    QTest::newRow("POST /v1/meters") << int(Operation::CreateMeter) << list({"meters:write"}) << body;
    QTest::newRow("GET /v1/meters") << int(Operation::ListMeters) << list({"meters:read"}) << query;
    QTest::newRow("GET /v1/meters/stats") << int(Operation::MeterStats) << list({"meters:read"}) << none;
    QTest::newRow("GET /v1/meters/{id}") << int(Operation::GetMeter) << list({"meters:read"}) << stored;
    QTest::newRow("PUT /v1/meters/{id}") << int(Operation::UpdateMeter) << list({"meters:write"}) << stored;
    QTest::newRow("DELETE /v1/meters/{id}")
        << int(Operation::DeleteMeter) << list({"meters:write"}) << stored;
    QTest::newRow("POST /v1/usages") << int(Operation::CreateUsage) << list({"usage:write"}) << body;
    QTest::newRow("POST /v1/usages/bulk") << int(Operation::CreateUsageBulk) << list({"usage:write"}) << body;
    QTest::newRow("GET /v1/usages") << int(Operation::ListUsageBuckets) << list({"usage:read"}) << query;
    QTest::newRow("POST /v1/usages/search")
        << int(Operation::SearchUsageBuckets) << list({"usage:read"}) << body;
    QTest::newRow("POST /v1/usages/breakdowns/search")
        << int(Operation::SearchBreakdowns) << list({"usage:read"}) << body;
    QTest::newRow("GET /v1/usages/dimensions")
        << int(Operation::ListDimensionValues) << list({"usage:read"}) << query;
    QTest::newRow("GET|POST /v1/usages/export")
        << int(Operation::ExportUsageBuckets) << list({"usage:read", "exports:read"}) << -1;
    QTest::newRow("GET /v1/usageevents") << int(Operation::ListUsageEvents) << list({"usage:read"}) << query;
    QTest::newRow("POST /v1/usageevents/search")
        << int(Operation::SearchUsageEvents) << list({"usage:read"}) << -1;
    QTest::newRow("GET|POST /v1/usageevents/export")
        << int(Operation::ExportUsageEvents) << list({"usage:read", "exports:read"}) << -1;
    QTest::newRow("POST /v1/usageevents/prune")
        << int(Operation::PruneUsageEvents) << list({"usage:write"}) << none;
    QTest::newRow("GET /v1/usageevents/prunes")
        << int(Operation::ListPruneRuns) << list({"usage:read"}) << none;
    QTest::newRow("GET /v1/usageingestions")
        << int(Operation::ListIngestions) << list({"usage:read"}) << none;
    QTest::newRow("GET /v1/subjects") << int(Operation::ListSubjects) << list({"usage:read"}) << none;
    QTest::newRow("GET /v1/subjects/{s}/usageevents")
        << int(Operation::ListSubjectEvents) << list({"usage:read"}) << none;
    QTest::newRow("POST /v1/exports")
        << int(Operation::CreateExport) << list({"usage:read", "exports:write"}) << body;
    QTest::newRow("GET /v1/exports") << int(Operation::ListExports) << list({"exports:read"}) << none;
    QTest::newRow("GET /v1/exports/{id}") << int(Operation::GetExport) << list({"exports:read"}) << stored;
    QTest::newRow("GET /v1/exports/{id}/download")
        << int(Operation::DownloadExport) << list({"exports:read"}) << stored;
    QTest::newRow("POST /v1/exports/{id}/cancel")
        << int(Operation::CancelExport) << list({"exports:write"}) << stored;
    QTest::newRow("POST /v1/exports/{id}/retry")
        << int(Operation::RetryExport) << list({"exports:write"}) << stored;
    QTest::newRow("GET /v1/system/stats")
        << int(Operation::SystemStats) << list({"system:read"}) << int(MeterSource::System);
    QTest::newRow("POST /export/{dataType}")
        << int(Operation::ExportUsageReport) << list({"exports:read", "exports:usage"})
        << int(MeterSource::EveryMeter);
    // §10 / §2.3: plan routes
    QTest::newRow("GET /v1/plans") << int(Operation::ListPlans) << list({"plans:read"}) << none;
    QTest::newRow("POST /v1/plans") << int(Operation::CreatePlan) << list({"plans:write"}) << body;
    QTest::newRow("GET /v1/plans/{id}") << int(Operation::GetPlan) << list({"plans:read"}) << stored;
    QTest::newRow("PUT /v1/plans/{id}") << int(Operation::UpdatePlan) << list({"plans:write"}) << stored;
    QTest::newRow("POST /v1/plans/{id}/preview")
        << int(Operation::PreviewPlan) << list({"plans:read"}) << stored;
    QTest::newRow("DELETE /v1/plans/{id}") << int(Operation::DeletePlan) << list({"plans:write"}) << stored;
    QTest::newRow("GET /v1/plans/assignments")
        << int(Operation::ListAssignments) << list({"plans:read"}) << none;
    QTest::newRow("PUT /v1/plans/subjects/{s}")
        << int(Operation::AssignSubject) << list({"plans:write"}) << none;
    QTest::newRow("DELETE /v1/plans/subjects/{s}")
        << int(Operation::UnassignSubject) << list({"plans:write"}) << none;
    QTest::newRow("GET /v1/plans/subjects/{s}/progress")
        << int(Operation::SubjectProgress) << list({"plans:read"}) << none;
    QTest::newRow("POST /v1/entitlements/check")
        << int(Operation::CheckEntitlement) << list({"plans:read"}) << body;
    QTest::newRow("GET /v1/entitlements/states")
        << int(Operation::ListEntitlementStates) << list({"plans:read"}) << query;
    QTest::newRow("GET /v1/entitlements/events")
        << int(Operation::ListEntitlementEvents) << list({"plans:read"}) << query;
    QTest::newRow("GET /v1/entitlements/periods")
        << int(Operation::ListEntitlementPeriods) << list({"plans:read"}) << query;
    QTest::newRow("GET /v1/alerts") << int(Operation::ListAlertRules) << list({"alerts:read"}) << query;
    QTest::newRow("POST /v1/alerts") << int(Operation::CreateAlertRule) << list({"alerts:write"}) << body;
    QTest::newRow("GET /v1/alerts/events")
        << int(Operation::ListAlertEvents) << list({"alerts:read"}) << stored;
    QTest::newRow("GET /v1/alerts/destinations")
        << int(Operation::ReadAlertDestinations) << list({"alerts:read"}) << none;
    QTest::newRow("POST /v1/alerts/destinations")
        << int(Operation::WriteAlertDestinations) << list({"alerts:write"}) << none;
    QTest::newRow("GET /v1/alerts/{id}") << int(Operation::GetAlertRule) << list({"alerts:read"}) << stored;
    QTest::newRow("PUT /v1/alerts/{id}")
        << int(Operation::UpdateAlertRule) << list({"alerts:write"}) << stored;
    QTest::newRow("DELETE /v1/alerts/{id}")
        << int(Operation::DeleteAlertRule) << list({"alerts:write"}) << stored;
    QTest::newRow("POST /v1/alerts/{id}/evaluate")
        << int(Operation::EvaluateAlertRule) << list({"alerts:write"}) << stored;
}

void TstAuthorizer::permissionMatrixRows()
{
    QFETCH(int, operation);
    QFETCH(QStringList, actions);
    QFETCH(int, meterSource);

    const PermissionRule &rule = permissionRule(Operation(operation));
    QStringList got;
    for (const Action action : rule.actions)
        got.append(actionName(action));
    got.sort();
    actions.sort();
    QCOMPARE(got, actions);
    if (meterSource >= 0)
        QCOMPARE(int(rule.meterSource), meterSource);
}

// ---------------------------------------------------------------------------------------------------
// ApiKeyService

bool TstAuthorizer::openStore()
{
    m_dir = std::make_unique<QTemporaryDir>();
    if (!m_dir->isValid())
        return false;
    SqliteStore::Options options;
    options.path = m_dir->filePath(QStringLiteral("keys.db"));
    options.durability = SqliteConnection::Durability::Normal;
    auto store = SqliteStore::open(options, kWorkspace);
    if (!store) {
        qWarning() << "cannot open store:" << store.error().message;
        return false;
    }
    m_store = std::move(store.value());
    m_clock = std::make_unique<ManualClock>(kT0);
    m_keys = std::make_unique<ApiKeyService>(*m_store, *m_clock);
    return true;
}

void TstAuthorizer::cleanup()
{
    m_keys.reset();
    m_store.reset();
    m_clock.reset();
    m_dir.reset();
}

void TstAuthorizer::createKey()
{
    QVERIFY(openStore());
    ApiKeyDraft draft;
    draft.name = QStringLiteral("  sdk  ");
    const auto created = m_keys->create(kWorkspace, draft);
    QVERIFY2(created.ok(), qPrintable(created.ok() ? QString() : created.error().message));

    const QString &secret = created->secret;
    QVERIFY(secret.startsWith(QLatin1StringView("osp_sk_")));
    QCOMPARE(secret.size(), 50);
    QVERIFY2(kBase64Url.match(secret.mid(7)).hasMatch(), qPrintable(secret));

    const ApiKey &key = created->key;
    QVERIFY2(kUuidV4.match(key.id).hasMatch(), qPrintable(key.id));
    QCOMPARE(key.name, QStringLiteral("sdk"));
    QCOMPARE(key.prefix, secret.left(18));
    QVERIFY(secret.startsWith(key.prefix));
    QCOMPARE(key.scopes, scopes::defaults());
    QVERIFY(key.allowedMeters.isEmpty());
    QVERIFY(!key.expiresAtNs.has_value());
    QVERIFY(!key.revokedAtNs.has_value());
    QVERIFY(!key.lastUsedAtNs.has_value());
    QCOMPARE(key.createdAtNs, kT0);
    QCOMPARE(key.workspaceId, kWorkspace);

    // The listed key matches, and has never been used.
    const auto keys = m_keys->list(kWorkspace);
    QVERIFY(keys.ok());
    QCOMPARE(keys->size(), 1);
    const ApiKey &listed = keys->first();
    QCOMPARE(listed.id, key.id);
    QCOMPARE(listed.name, key.name);
    QCOMPARE(listed.prefix, key.prefix);
    QCOMPARE(listed.scopes, key.scopes);
    QCOMPARE(listed.createdAtNs, kT0);
    QVERIFY(!listed.lastUsedAtNs.has_value());

    // Secrets are random.
    const auto other = m_keys->create(kWorkspace, draft);
    QVERIFY(other.ok());
    QVERIFY(other->secret != secret);
    QVERIFY(other->key.id != key.id);
}

void TstAuthorizer::createKeyAllowedMetersAndScopes()
{
    QVERIFY(openStore());
    ApiKeyDraft draft;
    draft.name = QStringLiteral("restricted");
    draft.scopes = list({" Usage:Write ", "usage:write", "exports:READ"});
    draft.allowedMeters = list({" A ", "", "A", "B", "  "});
    draft.expiresAtNs = kT0 + 3600 * kNs;
    const auto created = m_keys->create(kWorkspace, draft);
    QVERIFY2(created.ok(), qPrintable(created.ok() ? QString() : created.error().message));
    QCOMPARE(created->key.scopes, list({"usage:write", "exports:read"}));
    QCOMPARE(created->key.allowedMeters, list({"A", "B"}));
    QCOMPARE(created->key.expiresAtNs, std::optional<qint64>(kT0 + 3600 * kNs));

    const auto principal = m_keys->authenticate(created->secret);
    QVERIFY(principal.ok());
    QCOMPARE(principal->kind, Principal::Kind::ApiKey);
    QCOMPARE(principal->workspaceId, kWorkspace);
    QCOMPARE(principal->apiKeyId, created->key.id);
    QCOMPARE(principal->scopes, list({"usage:write", "exports:read"}));
    QCOMPARE(principal->allowedMeters, list({"A", "B"}));

    // The authenticated principal is what authorize() sees.
    QVERIFY(osc::authorize(principal.value(), Operation::CreateUsage, {QStringLiteral("A")}).ok());
    QVERIFY(!osc::authorize(principal.value(), Operation::CreateUsage, {QStringLiteral("C")}).ok());
    QVERIFY(!osc::authorize(principal.value(), Operation::ListUsageBuckets, {QStringLiteral("A")}).ok());
}

void TstAuthorizer::createKeyValidation_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QStringList>("scopes");
    QTest::addColumn<qint64>("expiresInNs"); // relative to now; 0 = no expiry
    QTest::addColumn<QString>("expectedError");

    QTest::newRow("name empty") << QString() << QStringList() << qint64(0)
                                << "invalid input\nname is required";
    QTest::newRow("name blank") << QStringLiteral("  \t ") << QStringList() << qint64(0)
                                << "invalid input\nname is required";
    QTest::newRow("expires in the past")
        << QStringLiteral("k") << QStringList() << -kNs << "invalid input\nexpires_at must be in the future";
    QTest::newRow("expired a year ago") << QStringLiteral("k") << QStringList() << -365 * 86400 * kNs
                                        << "invalid input\nexpires_at must be in the future";
    QTest::newRow("unknown scope") << QStringLiteral("k") << list({"x"}) << qint64(0)
                                   << "invalid input\nunsupported api key scope \"x\"";
    QTest::newRow("blank scopes") << QStringLiteral("k") << list({" ", ""}) << qint64(0)
                                  << "invalid input\nat least one api key scope is required";
    QTest::newRow("expires in the future") << QStringLiteral("k") << QStringList() << kNs << QString();
}

void TstAuthorizer::createKeyValidation()
{
    QVERIFY(openStore());
    QFETCH(QString, name);
    QFETCH(QStringList, scopes);
    QFETCH(qint64, expiresInNs);
    QFETCH(QString, expectedError);

    ApiKeyDraft draft;
    draft.name = name;
    draft.scopes = scopes;
    if (expiresInNs != 0)
        draft.expiresAtNs = m_clock->nowNs() + expiresInNs;
    const auto created = m_keys->create(kWorkspace, draft);
    if (expectedError.isEmpty()) {
        QVERIFY(created.ok());
        return;
    }
    QVERIFY(!created.ok());
    QCOMPARE(created.error().message, expectedError);
    QCOMPARE(created.error().code, QStringLiteral("invalid_input"));
    QCOMPARE(created.error().httpStatus(), 400);
    // Nothing was stored.
    QCOMPARE(m_keys->list(kWorkspace)->size(), 0);
}

void TstAuthorizer::authenticateSetsLastUsed()
{
    QVERIFY(openStore());
    const auto created = m_keys->create(kWorkspace, {QStringLiteral("ci"), {}, {}, std::nullopt});
    QVERIFY(created.ok());

    m_clock->advance(5 * kNs);
    const auto principal = m_keys->authenticate(created->secret);
    QVERIFY(principal.ok());
    QCOMPARE(principal->scopes, scopes::defaults());
    auto keys = m_keys->list(kWorkspace);
    QVERIFY(keys.ok());
    QCOMPARE(keys->first().lastUsedAtNs, std::optional<qint64>(kT0 + 5 * kNs));

    // A later use moves it forward.
    m_clock->advance(60 * kNs);
    QVERIFY(m_keys->authenticate(created->secret).ok());
    keys = m_keys->list(kWorkspace);
    QCOMPARE(keys->first().lastUsedAtNs, std::optional<qint64>(kT0 + 65 * kNs));

    // Values are trimmed by the HTTP layer, not here: a secret with whitespace is another secret.
    QVERIFY(!m_keys->authenticate(created->secret + QLatin1Char('x')).ok());
}

void TstAuthorizer::authenticateUnknownAndEmpty_data()
{
    QTest::addColumn<QString>("secret");
    QTest::addColumn<QString>("expectedMessage");

    QTest::newRow("empty") << QString() << "unauthorized";
    QTest::newRow("unknown, well-formed")
        << ApiKeyService::generateSecret() << "unauthorized\ninvalid credentials";
    QTest::newRow("unknown, short") << QStringLiteral("osp_sk_nope") << "unauthorized\ninvalid credentials";
    QTest::newRow("session token as bearer")
        << QStringLiteral("osp_at_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")
        << "unauthorized\ninvalid credentials";
}

void TstAuthorizer::authenticateUnknownAndEmpty()
{
    QVERIFY(openStore());
    QFETCH(QString, secret);
    QFETCH(QString, expectedMessage);
    // A real key exists, so "unknown" is not just "empty table".
    QVERIFY(m_keys->create(kWorkspace, {QStringLiteral("ci"), {}, {}, std::nullopt}).ok());

    const auto result = m_keys->authenticate(secret);
    QVERIFY(!result.ok());
    QCOMPARE(result.error().code, QStringLiteral("unauthorized"));
    QCOMPARE(result.error().httpStatus(), 401);
    QCOMPARE(result.error().message, expectedMessage);
}

void TstAuthorizer::expiredKeyIsRejected()
{
    QVERIFY(openStore());
    ApiKeyDraft draft;
    draft.name = QStringLiteral("short-lived");
    draft.expiresAtNs = kT0 + 3600 * kNs;
    const auto created = m_keys->create(kWorkspace, draft);
    QVERIFY(created.ok());

    m_clock->advance(3599 * kNs);
    QVERIFY(m_keys->authenticate(created->secret).ok());

    m_clock->set(kT0 + 3601 * kNs);
    const auto result = m_keys->authenticate(created->secret);
    QVERIFY(!result.ok());
    QCOMPARE(result.error().httpStatus(), 401);
    QCOMPARE(result.error().code, QStringLiteral("unauthorized"));
    QCOMPARE(result.error().message, QStringLiteral("unauthorized\ninvalid credentials"));
}

void TstAuthorizer::revokedKeyIsRejected()
{
    QVERIFY(openStore());
    const auto created = m_keys->create(kWorkspace, {QStringLiteral("ci"), {}, {}, std::nullopt});
    QVERIFY(created.ok());
    QVERIFY(m_keys->authenticate(created->secret).ok());

    // Another workspace cannot revoke it ("does not exist" there).
    const auto foreign = m_keys->revoke(QStringLiteral("other-workspace"), created->key.id);
    QVERIFY(foreign.ok());
    QCOMPARE(foreign.value(), false);
    QVERIFY(m_keys->authenticate(created->secret).ok());

    m_clock->advance(10 * kNs);
    const auto revoked = m_keys->revoke(kWorkspace, created->key.id);
    QVERIFY(revoked.ok());
    QCOMPARE(revoked.value(), true);

    const auto result = m_keys->authenticate(created->secret);
    QVERIFY(!result.ok());
    QCOMPARE(result.error().httpStatus(), 401);
    QCOMPARE(result.error().message, QStringLiteral("unauthorized\ninvalid credentials"));

    const auto keys = m_keys->list(kWorkspace);
    QVERIFY(keys.ok());
    QCOMPARE(keys->size(), 1);
    QCOMPARE(keys->first().revokedAtNs, std::optional<qint64>(kT0 + 10 * kNs));

    const auto unknown = m_keys->revoke(kWorkspace, QStringLiteral("00000000-0000-4000-8000-000000000000"));
    QVERIFY(unknown.ok());
    QCOMPARE(unknown.value(), false);
}

void TstAuthorizer::deletedKeyIsRejected()
{
    QVERIFY(openStore());
    const auto created = m_keys->create(kWorkspace, {QStringLiteral("sdk"), {}, {}, std::nullopt});
    QVERIFY(created.ok());
    QVERIFY(m_keys->authenticate(created->secret).ok());

    QCOMPARE(m_keys->remove(QStringLiteral("other-workspace"), created->key.id).value(), false);
    QCOMPARE(m_keys->remove(kWorkspace, created->key.id).value(), true);
    QCOMPARE(m_keys->list(kWorkspace)->size(), 0);
    const auto result = m_keys->authenticate(created->secret);
    QVERIFY(!result.ok());
    QCOMPARE(result.error().message, QStringLiteral("unauthorized\ninvalid credentials"));
    QCOMPARE(m_keys->remove(kWorkspace, created->key.id).value(), false);
}

void TstAuthorizer::listNewestFirst()
{
    QVERIFY(openStore());
    const auto first = m_keys->create(kWorkspace, {QStringLiteral("first"), {}, {}, std::nullopt});
    m_clock->advance(kNs);
    const auto second = m_keys->create(kWorkspace, {QStringLiteral("second"), {}, {}, std::nullopt});
    m_clock->advance(kNs);
    const auto third = m_keys->create(kWorkspace, {QStringLiteral("third"), {}, {}, std::nullopt});
    QVERIFY(first.ok() && second.ok() && third.ok());

    const auto keys = m_keys->list(kWorkspace);
    QVERIFY(keys.ok());
    QStringList names;
    for (const ApiKey &key : keys.value())
        names.append(key.name);
    QCOMPARE(names, list({"third", "second", "first"}));
    QCOMPARE(m_keys->list(QStringLiteral("other-workspace"))->size(), 0);
}

void TstAuthorizer::secretIsStoredOnlyHashed()
{
    QVERIFY(openStore());
    const auto created = m_keys->create(kWorkspace, {QStringLiteral("ci"), {}, {}, std::nullopt});
    QVERIFY(created.ok());
    QVERIFY(m_keys->authenticate(created->secret).ok());
    const QByteArray secret = created->secret.toLatin1();
    const QByteArray withoutPrefix = secret.mid(18); // the prefix is stored on purpose
    m_keys.reset();
    m_store.reset(); // close, so everything is on disk

    QDirIterator it(m_dir->path(), QDir::Files);
    int files = 0;
    while (it.hasNext()) {
        QFile file(it.next());
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray content = file.readAll();
        QVERIFY2(!content.contains(withoutPrefix), qPrintable(file.fileName()));
        ++files;
    }
    QVERIFY(files >= 1);
}

void TstAuthorizer::bootstrapKeyIsIdempotentAndGrantsEverything()
{
    QVERIFY(openStore());
    const QString secret = QStringLiteral("osp_sk_testtesttesttesttesttesttesttesttesttest12");
    const auto first = m_keys->registerBootstrapKey(kWorkspace, secret);
    QVERIFY2(first.ok(), qPrintable(first.ok() ? QString() : first.error().message));
    QCOMPARE(first->scopes, list({"*"}));
    QCOMPARE(first->prefix, secret.left(18));

    m_clock->advance(kNs);
    const auto second = m_keys->registerBootstrapKey(kWorkspace, secret);
    QVERIFY(second.ok());
    QCOMPARE(second->id, first->id);
    QCOMPARE(m_keys->list(kWorkspace)->size(), 1);

    const auto principal = m_keys->authenticate(secret);
    QVERIFY(principal.ok());
    QCOMPARE(principal->apiKeyId, first->id);
    QCOMPARE(principal->scopes, list({"*"}));
    QVERIFY(principal->allowedMeters.isEmpty());
    for (const Operation op : allOperations())
        QVERIFY(osc::authorize(principal.value(), op, {QStringLiteral("any")}).ok());

    // A value that is not an osp_sk_ key is refused.
    QVERIFY(!m_keys->registerBootstrapKey(kWorkspace, QStringLiteral("not-a-key")).ok());
}

QTEST_GUILESS_MAIN(TstAuthorizer)
#include "tst_authorizer.moc"
