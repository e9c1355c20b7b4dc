-- POST /v1/usages/bulk with 1000 events per request stamped "now" (no timestamp), so they fall inside
-- plan assignments made at the start of the run. OSC_BENCH_SUBJECTS picks the subject prefix: assigned
-- subjects ("org_", plan counters on) or unassigned ones ("free_", counters off).
local counter = 0
local tag = tostring(os.time()) .. "-" .. tostring(math.random(1, 1e9))
local key = os.getenv("OSC_BENCH_KEY")
local prefix = os.getenv("OSC_BENCH_SUBJECTS") or "org_"
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. key
local regions = {"us-east", "us-west", "eu-west"}
request = function()
  counter = counter + 1
  local parts = {}
  for i = 1, 1000 do
    parts[i] = string.format(
      '{"idempotency_key":"%s-%d-%d","subject":"%s%d","meter":"bench","quantity":%d,' ..
      '"metadata":{"region":"%s","endpoint":"/orders","status_code":200}}',
      tag, counter, i, prefix, i % 1000, 1 + i % 7, regions[1 + i % 3])
  end
  return wrk.format(nil, "/v1/usages/bulk", nil, "[" .. table.concat(parts, ",") .. "]")
end
