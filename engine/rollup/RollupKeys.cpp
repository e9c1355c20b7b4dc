#include "RollupKeys.h"

#include "format/JsonWriter.h"

#include <QHash>
#include <QJsonDocument>

#include <algorithm>
#include <memory>

namespace osc::rollup {

namespace {

bool lookup(const QJsonObject &object, const QStringList &path, qsizetype at, QJsonValue *out)
{
    const auto it = object.constFind(path.at(at));
    if (it == object.constEnd())
        return false;
    if (at + 1 == path.size()) {
        *out = it.value();
        return true;
    }
    if (!it.value().isObject())
        return false;
    return lookup(it.value().toObject(), path, at + 1, out);
}

void insert(QJsonObject &object, const QStringList &path, qsizetype at, const QJsonValue &value)
{
    const QString &key = path.at(at);
    if (at + 1 == path.size()) {
        object.insert(key, value);
        return;
    }
    QJsonValue child = object.value(key);
    if (child.isUndefined()) {
        child = QJsonObject();
    } else if (!child.isObject()) {
        return; // a shorter dimension path already holds this whole value
    }
    QJsonObject nested = child.toObject();
    insert(nested, path, at + 1, value);
    object.insert(key, nested);
}

// Shorter paths first, so `a` holding an object wins over a separately listed `a.b` inside it.
QList<QStringList> dimensionPaths(const Meter &meter)
{
    QList<QStringList> paths;
    for (const Dimension &d : meter.dimensions)
        paths.append(d.name.split(QLatin1Char('.')));
    std::stable_sort(paths.begin(), paths.end(),
        [](const QStringList &a, const QStringList &b) { return a.size() < b.size(); });
    return paths;
}

} // namespace

TimeNs floorTo(TimeNs ns, qint64 unitNs)
{
    return floorDiv(ns, unitNs) * unitNs;
}

TimeNs ceilTo(TimeNs ns, qint64 unitNs)
{
    const TimeNs floor = floorTo(ns, unitNs);
    return floor == ns ? ns : floor + unitNs;
}

DimensionProjector::DimensionProjector(const Meter &meter)
    : m_dimensions(meter.dimensions)
    , m_signature(dimensionSignature(meter))
{
    for (const Dimension &d : meter.dimensions) {
        m_flat = m_flat && !d.name.contains(QLatin1Char('.'));
        m_sortedKeys.append(d.name);
    }
    std::sort(m_sortedKeys.begin(), m_sortedKeys.end(),
        [](const QString &a, const QString &b) { return a.toUtf8() < b.toUtf8(); });
    m_sortedKeys.erase(std::unique(m_sortedKeys.begin(), m_sortedKeys.end()), m_sortedKeys.end());
}

QByteArray DimensionProjector::project(const QJsonObject &metadata) const
{
    if (!m_flat) {
        Meter meter;
        meter.dimensions = m_dimensions;
        return projectDimensions(meter, metadata);
    }
    QByteArray out;
    out.reserve(64);
    out += '{';
    for (const QString &key : m_sortedKeys) {
        const auto it = metadata.constFind(key);
        if (it == metadata.constEnd())
            continue;
        if (out.size() > 1)
            out += ',';
        wire::appendJsonString(out, key);
        out += ':';
        wire::appendJsonValue(out, it.value());
    }
    out += '}';
    return out;
}

const DimensionProjector &projectorFor(const Meter &meter)
{
    thread_local QHash<QString, std::shared_ptr<DimensionProjector>> projectors;
    auto &slot = projectors[meter.id];
    if (!slot || slot->dimensions() != meter.dimensions)
        slot = std::make_shared<DimensionProjector>(meter);
    return *slot;
}

QByteArray projectDimensions(const Meter &meter, const QJsonObject &metadata)
{
    if (meter.dimensions.isEmpty() || metadata.isEmpty())
        return QByteArrayLiteral("{}");
    QJsonObject projection;
    for (const QStringList &path : dimensionPaths(meter)) {
        QJsonValue value;
        if (lookup(metadata, path, 0, &value))
            insert(projection, path, 0, value);
    }
    return wire::compactJson(projection);
}

QByteArray projectDimensions(const Meter &meter, const QByteArray &metadataJson)
{
    if (meter.dimensions.isEmpty() || metadataJson.size() <= 2)
        return QByteArrayLiteral("{}");
    return projectDimensions(meter, QJsonDocument::fromJson(metadataJson).object());
}

QByteArray dimensionSignature(const Meter &meter)
{
    QStringList names;
    for (const Dimension &d : meter.dimensions)
        names.append(d.name);
    names.sort();
    return names.join(QLatin1Char('\n')).toUtf8();
}

bool isDimensionPath(const Meter &meter, const QStringList &path)
{
    return meter.dimension(path.join(QLatin1Char('.'))) != nullptr;
}

} // namespace osc::rollup
