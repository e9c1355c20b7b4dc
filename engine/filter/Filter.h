#pragma once

#include "core/TimeNs.h"

#include "core/Result.h"
#include "filter/MetadataPath.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>
#include <QStringList>
#include <QStringView>

#include <optional>
#include <vector>

// The usage filter DSL of contract §6.6: parsing/validation, the reference evaluator, and a
// translation to SQLite with exactly the same semantics so the store can push filters into its scans.
namespace osc::query {

// Depth of a node: a top-level node is at depth 1 and every rule of a group is one level deeper, so a
// lone condition has depth 1 and a group of conditions depth 2. Nodes deeper than this are refused
// (`invalid input: filter nesting exceeds 32 levels`) — upstream has no limit; the contract asks for a
// generous one. Nodes = groups + conditions, refused beyond kMaxFilterNodes
// (`invalid input: filter exceeds 256 nodes`). Both are checked while the document is walked, so a
// hostile 10,000-level document stops at level 33 without deep recursion.
inline constexpr int kMaxFilterDepth = 32;
inline constexpr int kMaxFilterNodes = 256;

enum class FilterField
{
    Subject,
    Meter,
    Quantity,
    EventTime, // `timestamp` and `event_time`
    ReceivedAt,
    IdempotencyKey,
    Metadata,
    ApiKey, // `api_key`: id of the key that wrote the event ("" when none); ours, not upstream
};

enum class FilterOp
{
    Eq,
    Neq,
    Gt,
    Gte,
    Lt,
    Lte,
    In,
    Contains,
    Exists,
};

enum class FilterGroupOp
{
    And,
    Or,
};

// A validated filter tree. Built by parseFilter(), which also fills the derived members (path, times,
// needle) that matches() and the stores' filter compilers rely on.
struct FilterNode
{
    enum class Kind
    {
        Group,
        Condition,
    };
    Kind kind = Kind::Condition;

    // Group
    FilterGroupOp groupOp = FilterGroupOp::And;
    std::vector<FilterNode> rules; // never empty

    // Condition
    FilterField field = FilterField::Subject;
    QString fieldName; // as written: `timestamp`, `metadata.service.tier`
    QStringList metadataPath; // FilterField::Metadata only: ["service", "tier"]
    FilterOp op = FilterOp::Exists;
    QJsonValue value; // as given (an array for `in`); Undefined/Null only for `exists`
    // Time fields (op != exists): the value in ns since the epoch, or one entry per `in` element.
    QList<TimeNs> timesNs;
    // `contains`: textualForm(value) lower-cased in ASCII.
    QString needle;

    bool isGroup() const { return kind == Kind::Group; }
};

// Absent (Undefined) or null → no filter (nullopt). A non-object → `invalid_json` (Go fails to decode
// it into the node struct), and so does a wrongly typed `type`/`op`/`field`/`rules` anywhere in the
// tree, which takes precedence over validation errors as upstream decodes before validating. Node keys
// match case-insensitively like Go's encoding/json. Validation errors are the §6.6 table plus:
//  * time fields (`timestamp`, `event_time`, `received_at`): any op but `exists` needs a string value
//    (every element for `in`) that parses as RFC 3339, else
//    `invalid input: filter value for "<field>" must be an RFC 3339 timestamp` (upstream answers 500);
//  * the depth and node limits above.
// Checks per condition run in the table's order: field, operator, value required, `in` array, time.
Result<std::optional<FilterNode>> parseFilter(const QJsonValue &value);

// Groups + conditions, and depth as defined at kMaxFilterDepth.
int nodeCount(const FilterNode &node);
int depth(const FilterNode &node);

// The event a filter is evaluated against. `idempotencyKey` is nullptr when the event has none (an
// empty key is still a key); `metadata` may be nullptr for an empty object.
struct FilterEvent
{
    QStringView subject;
    QStringView meter;
    double quantity = 0.0;
    TimeNs eventTimeNs;
    TimeNs receivedAtNs;
    const QString *idempotencyKey = nullptr;
    const QJsonObject *metadata = nullptr;
    QStringView apiKeyId; // empty: written without a key
};

// Reference semantics (§6.6 plus the stances the contract leaves to us):
//  * Field values: subject/meter/idempotency_key are strings, quantity a number, the time fields
//    times, metadata.<path> whatever JSON sits there.
//  * exists: the field is present — metadata even when its value is JSON null; top-level fields
//    always, idempotency_key only when the event has one. The value is ignored.
//  * A missing field (absent path, no idempotency key) fails every other operator, `neq` included.
//  * eq / in are JSON-type-aware: number = number numerically (200 = 200.0), string = string exactly,
//    bool = bool, and null = null (only reachable through `in [null, …]`, since a null value means
//    "missing"). Cross-type never matches ("200" ≠ 200); an object or array value matches nothing.
//  * neq: the field exists and eq does not hold — so a metadata key holding null is ≠ "x".
//  * gt/gte/lt/lte: number vs number numerically; string vs string in code-point order (= UTF-8 byte
//    order, what SQLite's BINARY collation does); time fields chronologically. Any other pairing —
//    booleans, null, objects, cross-type — is false.
//  * contains: the ASCII-lower-cased textualForm() of the field contains the ASCII-lower-cased
//    textualForm() of the value; `%` and `_` are literal. A null field contains nothing. On time fields
//    the value must itself be a full timestamp, and one canonical timestamp is a substring of another
//    only when they are equal, so contains behaves as eq there.
//  * group: and = every rule, or = any rule.
bool matches(const FilterNode &node, const FilterEvent &event);

} // namespace osc::query
