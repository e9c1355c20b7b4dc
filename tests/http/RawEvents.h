#pragma once

#include "Engine.h"
#include "core/Ids.h"
#include "store/postgres/PgStore.h"
#include "store/sqlite/SqliteStore.h"

// Stores a usage event straight into the database, for meter tests that need "has usage" before the
// ingestion API exists in the test's scope.
inline bool insertRawEvent(osc::Engine &engine, const QString &meter, osc::TimeNs eventTimeNs)
{
    if (auto *pgStore = dynamic_cast<osc::PgStore *>(&engine.store())) {
        using osc::pg::Param;
        const osc::Status status = pgStore->transaction([&](osc::pg::Connection &db) -> osc::Status {
            auto insert = db.exec("INSERT INTO usage_events (workspace_id, id, meter, subject, quantity, "
                                  "event_time, received_at, metadata_text, metadata) "
                                  "VALUES ('default', $1, $2, 'org_1', 1, $3, $3, '{}', '{}')",
                {Param::text(osc::newId()), Param::text(meter), Param::time(eventTimeNs)});
            if (!insert)
                return insert.error();
            auto stats
                = db.exec("INSERT INTO meter_usage (workspace_id, meter, usage_events, last_event_at) "
                          "VALUES ('default', $1, 1, $2) ON CONFLICT (workspace_id, meter) DO UPDATE SET "
                          "usage_events = meter_usage.usage_events + 1, "
                          "last_event_at = GREATEST(meter_usage.last_event_at, $2)",
                    {Param::text(meter), Param::time(eventTimeNs)});
            if (!stats)
                return stats.error();
            return {};
        });
        return status.ok();
    }
    auto *store = dynamic_cast<osc::SqliteStore *>(&engine.store());
    if (!store)
        return false;
    const osc::Status status = store->writeTransaction([&](osc::SqliteConnection &db) -> osc::Status {
        auto insert
            = db.prepare("INSERT INTO usage_events (workspace_id, id, meter, subject, quantity, event_time, "
                         "received_at, metadata) VALUES ('default', ?1, ?2, 'org_1', 1, ?3, ?3, '{}')");
        insert.bind(1, osc::newId()).bind(2, meter).bind(3, eventTimeNs);
        if (auto s = insert.run(); !s)
            return s;
        auto stats
            = db.prepare("INSERT INTO meter_usage (workspace_id, meter, usage_events, last_event_at) "
                         "VALUES ('default', ?1, 1, ?2) ON CONFLICT (workspace_id, meter) DO UPDATE SET "
                         "usage_events = usage_events + 1, last_event_at = MAX(last_event_at, ?2)");
        stats.bind(1, meter).bind(2, eventTimeNs);
        return stats.run();
    });
    return status.ok();
}
