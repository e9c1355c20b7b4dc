-- POST /v1/usages/bulk, 1000 events per request, 3 dimensions, unique idempotency keys, timestamps
-- spread over the 30 days before 2026-06-08 (the historical-backfill shape), 1000 subjects: nearly
-- every event lands in its own (hour, subject) and (hour, dimensions) rollup row.
local counter = 0
local tag = tostring(os.time()) .. "-" .. tostring(math.random(1, 1e9))
local key = os.getenv("OSC_BENCH_KEY")
local span = 30 * 24 * 3600
local finish = os.time({year = 2026, month = 6, day = 8, hour = 0}) -- local time; only the spread matters
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. key
local regions = {"us-east", "us-west", "eu-west"}
request = function()
  counter = counter + 1
  local parts = {}
  for i = 1, 1000 do
    local t = finish - ((counter * 1000 + i) * 7919) % span
    parts[i] = string.format(
      '{"idempotency_key":"%s-%d-%d","subject":"org_%d","meter":"bench","quantity":%d,' ..
      '"timestamp":"%s","metadata":{"region":"%s","endpoint":"/orders","status_code":200}}',
      tag, counter, i, (counter * 7 + i) % 1000, 1 + i % 7, os.date("!%Y-%m-%dT%H:%M:%SZ", t),
      regions[1 + i % 3])
  end
  return wrk.format(nil, "/v1/usages/bulk", nil, "[" .. table.concat(parts, ",") .. "]")
end
