#include "MeterCatalog.h"

#include "MeterValidator.h"
#include "auth/Permission.h"
#include "core/Cursor.h"
#include "core/Ids.h"
#include "store/MeterStore.h"

namespace osc {

MeterCatalog::MeterCatalog(MeterStore &store, const Clock &clock)
    : m_store(store)
    , m_clock(clock)
{ }

Result<Meter> MeterCatalog::create(const Principal &principal, const MeterDraft &draft)
{
    if (auto s = authorize(principal, Operation::CreateMeter, {draft.name.trimmed()}); !s)
        return s.error();
    auto meter = MeterValidator::validateCreate(draft, m_limits);
    if (!meter)
        return meter;
    meter->id = newId();
    meter->createdAtNs = m_clock.nowNs();
    if (auto s = m_store.insertMeter(principal.workspaceId, meter.value()); !s)
        return s.error();
    return meter;
}

Result<Page<Meter>> MeterCatalog::list(
    const Principal &principal, const QString &nameFilter, qint64 limit, const QString &cursor)
{
    if (auto s = authorize(principal, Operation::ListMeters, {nameFilter}); !s)
        return s.error();
    auto decoded = wire::decodeCursor(cursor);
    if (!decoded)
        return decoded.error();
    MeterListQuery query;
    query.nameFilter = nameFilter;
    query.afterName = decoded->name.value_or(QString());
    query.limit = clampLimit(limit, kDefaultPageSize, kMaxPageSize);
    auto rows = m_store.listMeters(principal.workspaceId, query);
    if (!rows)
        return rows.error();
    Page<Meter> page;
    page.items = std::move(rows.value());
    if (page.items.size() > query.limit) {
        page.items.resize(query.limit);
        page.nextCursor = wire::encodeCursor({page.items.last().name, std::nullopt, std::nullopt});
    }
    return page;
}

Result<Page<MeterUsageStats>> MeterCatalog::stats(
    const Principal &principal, qint64 limit, const QString &cursor)
{
    if (auto s = authorize(principal, Operation::MeterStats, {QString()}); !s)
        return s.error();
    auto decoded = wire::decodeCursor(cursor);
    if (!decoded)
        return decoded.error();
    MeterListQuery query;
    query.afterName = decoded->name.value_or(QString());
    query.limit = clampLimit(limit, kDefaultPageSize, kMaxPageSize);
    auto rows = m_store.listMeterStats(principal.workspaceId, query);
    if (!rows)
        return rows.error();
    Page<MeterUsageStats> page;
    page.items = std::move(rows.value());
    if (page.items.size() > query.limit) {
        page.items.resize(query.limit);
        page.nextCursor = wire::encodeCursor({page.items.last().meter, std::nullopt, std::nullopt});
    }
    return page;
}

Result<Meter> MeterCatalog::get(const Principal &principal, const QString &id)
{
    auto found = m_store.findMeterById(principal.workspaceId, id);
    if (!found)
        return found.error();
    if (!found.value())
        return Error::notFound();
    if (auto s = authorize(principal, Operation::GetMeter, {found.value()->name}); !s)
        return s.error();
    return *found.value();
}

Result<Meter> MeterCatalog::findByName(const Principal &principal, const QString &name)
{
    auto found = m_store.findMeterByName(principal.workspaceId, name);
    if (!found)
        return found.error();
    if (!found.value())
        return Error::notFound();
    return *found.value();
}

Result<Meter> MeterCatalog::update(const Principal &principal, const QString &id, const MeterPatch &patch)
{
    auto found = m_store.findMeterById(principal.workspaceId, id);
    if (!found)
        return found.error();
    if (!found.value())
        return Error::notFound();
    if (auto s = authorize(principal, Operation::UpdateMeter, {found.value()->name}); !s)
        return s.error();
    return m_store.updateMeter(principal.workspaceId, id, [&](const Meter &current, bool hasUsage) {
        return MeterValidator::validateUpdate(current, patch, hasUsage);
    });
}

Status MeterCatalog::remove(const Principal &principal, const QString &id)
{
    auto found = m_store.findMeterById(principal.workspaceId, id);
    if (!found)
        return found.error();
    if (!found.value())
        return Error::notFound();
    if (auto s = authorize(principal, Operation::DeleteMeter, {found.value()->name}); !s)
        return s.error();
    auto outcome = m_store.deleteMeterIfUnused(principal.workspaceId, id);
    if (!outcome)
        return outcome.error();
    switch (outcome.value()) {
    case DeleteMeterOutcome::Deleted:
        return {};
    case DeleteMeterOutcome::NotFound:
        return Error::notFound();
    case DeleteMeterOutcome::HasUsage:
        return Error::conflictLine(QStringLiteral("meter has usage"));
    case DeleteMeterOutcome::UsedByPlan:
        return Error::conflictLine(QStringLiteral("meter is used by a plan"));
    case DeleteMeterOutcome::HasAlertRules:
        return Error::conflictLine(QStringLiteral("meter is used by alert rules"));
    }
    return {};
}

} // namespace osc
