#include "filter/Filter.h"

#include "core/Rfc3339.h"
#include "json/StrictJson.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>
#include <cmath>

namespace osc::query {

namespace {

// ---------------------------------------------------------------------------------------------------
// Parsing

// A node as Go's encoding/json would decode it into the upstream struct, before any validation.
struct RawNode
{
    QString type;
    QString op;
    QString field;
    QJsonValue value; // Undefined when absent
    std::vector<RawNode> rules;
};

class Decoder
{
public:
    Result<RawNode> decode(const QJsonValue &json, int level)
    {
        if (level > kMaxFilterDepth)
            return Error::invalidInput(
                QStringLiteral("filter nesting exceeds %1 levels").arg(kMaxFilterDepth));
        if (++m_nodes > kMaxFilterNodes)
            return Error::invalidInput(QStringLiteral("filter exceeds %1 nodes").arg(kMaxFilterNodes));
        RawNode node;
        // A null element of `rules` decodes to a zero node (type "") in Go.
        if (json.isNull())
            return node;
        if (!json.isObject())
            return Error::invalidJson();
        json::ObjectReader reader(json.toObject());
        node.type = reader.string(QLatin1StringView("type")).value_or(QString());
        node.op = reader.string(QLatin1StringView("op")).value_or(QString());
        node.field = reader.string(QLatin1StringView("field")).value_or(QString());
        node.value = reader.raw(QLatin1StringView("value"));
        const std::optional<QJsonArray> rules = reader.array(QLatin1StringView("rules"));
        if (reader.failed())
            return Error::invalidJson();
        if (rules) {
            node.rules.reserve(size_t(rules->size()));
            for (const QJsonValue &rule : *rules) {
                auto child = decode(rule, level + 1);
                if (!child)
                    return child.error();
                node.rules.push_back(std::move(child).value());
            }
        }
        return node;
    }

private:
    int m_nodes = 0;
};

std::optional<FilterField> parseField(const QString &name, QStringList &path)
{
    static const QString metadataPrefix = QStringLiteral("metadata.");
    if (name == QLatin1StringView("subject"))
        return FilterField::Subject;
    if (name == QLatin1StringView("meter"))
        return FilterField::Meter;
    if (name == QLatin1StringView("quantity"))
        return FilterField::Quantity;
    if (name == QLatin1StringView("timestamp") || name == QLatin1StringView("event_time"))
        return FilterField::EventTime;
    if (name == QLatin1StringView("received_at"))
        return FilterField::ReceivedAt;
    if (name == QLatin1StringView("idempotency_key"))
        return FilterField::IdempotencyKey;
    if (name == QLatin1StringView("api_key"))
        return FilterField::ApiKey;
    if (name.startsWith(metadataPrefix)) {
        const QStringView key = QStringView(name).mid(metadataPrefix.size());
        if (!isValidMetadataKey(key))
            return std::nullopt;
        path = key.toString().split(u'.');
        return FilterField::Metadata;
    }
    return std::nullopt;
}

std::optional<FilterOp> parseOp(const QString &op)
{
    static const std::pair<QLatin1StringView, FilterOp> kOps[] = {
        {QLatin1StringView("eq"), FilterOp::Eq},
        {QLatin1StringView("neq"), FilterOp::Neq},
        {QLatin1StringView("gt"), FilterOp::Gt},
        {QLatin1StringView("gte"), FilterOp::Gte},
        {QLatin1StringView("lt"), FilterOp::Lt},
        {QLatin1StringView("lte"), FilterOp::Lte},
        {QLatin1StringView("in"), FilterOp::In},
        {QLatin1StringView("contains"), FilterOp::Contains},
        {QLatin1StringView("exists"), FilterOp::Exists},
    };
    for (const auto &[name, value] : kOps)
        if (op == name)
            return value;
    return std::nullopt;
}

bool isTimeField(FilterField field)
{
    return field == FilterField::EventTime || field == FilterField::ReceivedAt;
}

QString asciiLower(QString text)
{
    for (QChar &c : text)
        if (c.unicode() >= u'A' && c.unicode() <= u'Z')
            c = QChar(char16_t(c.unicode() + (u'a' - u'A')));
    return text;
}

Result<FilterNode> build(const RawNode &raw)
{
    FilterNode node;
    if (raw.type == QLatin1StringView("group")) {
        node.kind = FilterNode::Kind::Group;
        if (raw.op == QLatin1StringView("and"))
            node.groupOp = FilterGroupOp::And;
        else if (raw.op == QLatin1StringView("or"))
            node.groupOp = FilterGroupOp::Or;
        else
            return Error::invalidInput(
                QStringLiteral("unsupported filter group operator %1").arg(goQuote(raw.op)));
        if (raw.rules.empty())
            return Error::invalidInput(QStringLiteral("filter group requires at least one rule"));
        node.rules.reserve(raw.rules.size());
        for (const RawNode &rule : raw.rules) {
            auto child = build(rule);
            if (!child)
                return child.error();
            node.rules.push_back(std::move(child).value());
        }
        return node;
    }
    if (raw.type != QLatin1StringView("condition"))
        return Error::invalidInput(QStringLiteral("unsupported filter type %1").arg(goQuote(raw.type)));

    node.kind = FilterNode::Kind::Condition;
    const auto field = parseField(raw.field, node.metadataPath);
    if (!field)
        return Error::invalidInput(QStringLiteral("unsupported filter field %1").arg(goQuote(raw.field)));
    node.field = *field;
    node.fieldName = raw.field;
    const auto op = parseOp(raw.op);
    if (!op)
        return Error::invalidInput(QStringLiteral("unsupported filter operator %1").arg(goQuote(raw.op)));
    node.op = *op;
    node.value = raw.value;
    if (node.op == FilterOp::Exists)
        return node;
    if (raw.value.isUndefined() || raw.value.isNull())
        return Error::invalidInput(QStringLiteral("filter value is required"));
    if (node.op == FilterOp::In && (!raw.value.isArray() || raw.value.toArray().isEmpty()))
        return Error::invalidInput(QStringLiteral("in filter requires a non-empty value array"));

    if (isTimeField(node.field)) {
        const QJsonArray values = node.op == FilterOp::In ? raw.value.toArray() : QJsonArray{raw.value};
        for (const QJsonValue &value : values) {
            const auto ns = value.isString() ? rfc3339::parse(value.toString()) : std::nullopt;
            if (!ns)
                return Error::invalidInput(QStringLiteral("filter value for %1 must be an RFC 3339 timestamp")
                                               .arg(goQuote(raw.field)));
            node.timesNs.append(*ns);
        }
    }
    if (node.op == FilterOp::Contains)
        node.needle = asciiLower(textualForm(raw.value));
    return node;
}

// ---------------------------------------------------------------------------------------------------
// Evaluation

// Code-point order of UTF-16 text (= UTF-8 byte order, SQLite's BINARY collation): code-unit order
// is wrong once a surrogate pair meets U+E000..U+FFFF, so surrogates are moved above that range.
int codePointOrder(QStringView a, QStringView b)
{
    const qsizetype n = std::min(a.size(), b.size());
    for (qsizetype i = 0; i < n; ++i) {
        char16_t x = a[i].unicode();
        char16_t y = b[i].unicode();
        if (x == y)
            continue;
        const auto fix = [](char16_t c) -> int {
            if (c >= 0xD800)
                return c >= 0xE000 ? c - 0x800 : c + 0x2000;
            return c;
        };
        return fix(x) < fix(y) ? -1 : 1;
    }
    return a.size() == b.size() ? 0 : (a.size() < b.size() ? -1 : 1);
}

// `needle` is already ASCII-lower-cased.
bool asciiContains(QStringView haystack, QStringView needle)
{
    const qsizetype n = haystack.size();
    const qsizetype m = needle.size();
    for (qsizetype start = 0; start + m <= n; ++start) {
        qsizetype j = 0;
        for (; j < m; ++j) {
            char16_t c = haystack[start + j].unicode();
            if (c >= u'A' && c <= u'Z')
                c = char16_t(c + (u'a' - u'A'));
            if (c != needle[j].unicode())
                break;
        }
        if (j == m)
            return true;
    }
    return false;
}

// The field's value on one event.
struct Operand
{
    enum class Kind
    {
        Missing,
        Null,
        Bool,
        Number,
        Text,
        Container,
        Time,
    };
    Kind kind = Kind::Missing;
    bool boolean = false;
    double number = 0.0;
    QStringView text;
    TimeNs time;
    QJsonValue json; // Container
    QString ownedText; // a metadata string; `text` views it, hence no copies

    Operand() = default;
    Operand(const Operand &) = delete;
    Operand &operator=(const Operand &) = delete;
};

// Fills `o` in place: for metadata strings `o.text` views `o.ownedText`.
void readOperand(Operand &o, const FilterNode &condition, const FilterEvent &event)
{
    switch (condition.field) {
    case FilterField::Subject:
        o.kind = Operand::Kind::Text;
        o.text = event.subject;
        return;
    case FilterField::Meter:
        o.kind = Operand::Kind::Text;
        o.text = event.meter;
        return;
    case FilterField::IdempotencyKey:
        if (event.idempotencyKey) {
            o.kind = Operand::Kind::Text;
            o.text = *event.idempotencyKey;
        }
        return;
    case FilterField::Quantity:
        o.kind = Operand::Kind::Number;
        o.number = event.quantity;
        return;
    case FilterField::EventTime:
        o.kind = Operand::Kind::Time;
        o.time = event.eventTimeNs;
        return;
    case FilterField::ReceivedAt:
        o.kind = Operand::Kind::Time;
        o.time = event.receivedAtNs;
        return;
    case FilterField::ApiKey:
        o.kind = Operand::Kind::Text;
        o.text = event.apiKeyId;
        return;
    case FilterField::Metadata:
        break;
    }
    if (!event.metadata)
        return;
    const auto value = valueAtPath(*event.metadata, condition.metadataPath);
    if (!value)
        return;
    switch (value->type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        o.kind = Operand::Kind::Null;
        break;
    case QJsonValue::Bool:
        o.kind = Operand::Kind::Bool;
        o.boolean = value->toBool();
        break;
    case QJsonValue::Double:
        o.kind = Operand::Kind::Number;
        o.number = value->toDouble();
        break;
    case QJsonValue::String:
        o.kind = Operand::Kind::Text;
        o.ownedText = value->toString();
        o.text = o.ownedText;
        break;
    case QJsonValue::Array:
    case QJsonValue::Object:
        o.kind = Operand::Kind::Container;
        o.json = *value;
        break;
    }
}

// JSON-type-aware equality with one (non-time) value.
bool equalsValue(const Operand &o, const QJsonValue &value)
{
    switch (o.kind) {
    case Operand::Kind::Number:
        return value.isDouble() && o.number == value.toDouble();
    case Operand::Kind::Text:
        return value.isString() && o.text == value.toString();
    case Operand::Kind::Bool:
        return value.isBool() && o.boolean == value.toBool();
    case Operand::Kind::Null:
        return value.isNull();
    case Operand::Kind::Missing:
    case Operand::Kind::Container:
    case Operand::Kind::Time:
        break;
    }
    return false;
}

bool equals(const Operand &o, const FilterNode &c)
{
    if (o.kind == Operand::Kind::Time)
        return o.time == c.timesNs.value(0);
    return equalsValue(o, c.value);
}

// Sign of (field − value), or nullopt when the pair has no order.
std::optional<int> order(const Operand &o, const FilterNode &c)
{
    switch (o.kind) {
    case Operand::Kind::Time: {
        const TimeNs v = c.timesNs.value(0);
        return o.time < v ? -1 : (o.time > v ? 1 : 0);
    }
    case Operand::Kind::Number:
        if (!c.value.isDouble())
            return std::nullopt;
        return o.number < c.value.toDouble() ? -1 : (o.number > c.value.toDouble() ? 1 : 0);
    case Operand::Kind::Text:
        if (!c.value.isString())
            return std::nullopt;
        return codePointOrder(o.text, c.value.toString());
    default:
        return std::nullopt;
    }
}

bool contains(const Operand &o, const FilterNode &c)
{
    switch (o.kind) {
    case Operand::Kind::Text:
        return asciiContains(o.text, c.needle);
    case Operand::Kind::Number:
        return asciiContains(goNumberText(o.number), c.needle);
    case Operand::Kind::Bool:
        return asciiContains(o.boolean ? u"true" : u"false", c.needle);
    case Operand::Kind::Container:
        return asciiContains(textualForm(o.json), c.needle);
    case Operand::Kind::Time:
        return o.time == c.timesNs.value(0);
    case Operand::Kind::Missing:
    case Operand::Kind::Null:
        break;
    }
    return false;
}

bool matchesCondition(const FilterNode &c, const FilterEvent &event)
{
    Operand o;
    readOperand(o, c, event);
    if (c.op == FilterOp::Exists)
        return o.kind != Operand::Kind::Missing;
    if (o.kind == Operand::Kind::Missing)
        return false;
    switch (c.op) {
    case FilterOp::Eq:
        return equals(o, c);
    case FilterOp::Neq:
        return !equals(o, c);
    case FilterOp::In:
        if (o.kind == Operand::Kind::Time)
            return c.timesNs.contains(o.time);
        for (const QJsonValue &element : c.value.toArray())
            if (equalsValue(o, element))
                return true;
        return false;
    case FilterOp::Gt:
        return order(o, c).value_or(0) > 0;
    case FilterOp::Gte: {
        const auto sign = order(o, c);
        return sign && *sign >= 0;
    }
    case FilterOp::Lt:
        return order(o, c).value_or(0) < 0;
    case FilterOp::Lte: {
        const auto sign = order(o, c);
        return sign && *sign <= 0;
    }
    case FilterOp::Contains:
        return contains(o, c);
    case FilterOp::Exists:
        break;
    }
    return false;
}

} // namespace

Result<std::optional<FilterNode>> parseFilter(const QJsonValue &value)
{
    if (value.isUndefined() || value.isNull())
        return std::optional<FilterNode>();
    if (!value.isObject())
        return Error::invalidJson();
    // Decode the whole tree first, as upstream does: a type error anywhere is `invalid_json` even when
    // an earlier node would also fail validation.
    Decoder decoder;
    auto raw = decoder.decode(value, 1);
    if (!raw)
        return raw.error();
    auto node = build(raw.value());
    if (!node)
        return node.error();
    return std::optional<FilterNode>(std::move(node).value());
}

int nodeCount(const FilterNode &node)
{
    int count = 1;
    for (const FilterNode &rule : node.rules)
        count += nodeCount(rule);
    return count;
}

int depth(const FilterNode &node)
{
    int deepest = 0;
    for (const FilterNode &rule : node.rules)
        deepest = std::max(deepest, depth(rule));
    return deepest + 1;
}

bool matches(const FilterNode &node, const FilterEvent &event)
{
    if (!node.isGroup())
        return matchesCondition(node, event);
    if (node.groupOp == FilterGroupOp::And)
        return std::all_of(node.rules.begin(), node.rules.end(),
            [&](const FilterNode &rule) { return matches(rule, event); });
    return std::any_of(
        node.rules.begin(), node.rules.end(), [&](const FilterNode &rule) { return matches(rule, event); });
}

} // namespace osc::query
