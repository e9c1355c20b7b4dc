-- POST /v1/usages/bulk with 1000 events per request, 3 dimensions, unique idempotency keys.
local counter = 0
local tag = tostring(os.time()) .. "-" .. tostring(math.random(1, 1e9))
local key = os.getenv("OSC_BENCH_KEY")
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. key
local regions = {"us-east", "us-west", "eu-west"}
request = function()
  counter = counter + 1
  local parts = {}
  for i = 1, 1000 do
    parts[i] = string.format(
      '{"idempotency_key":"%s-%d-%d","subject":"org_%d","meter":"bench","quantity":%d,' ..
      '"timestamp":"2026-06-08T10:%02d:%02dZ","metadata":{"region":"%s","endpoint":"/orders","status_code":200}}',
      tag, counter, i, i % 1000, 1 + i % 7, i % 60, counter % 60, regions[1 + i % 3])
  end
  return wrk.format(nil, "/v1/usages/bulk", nil, "[" .. table.concat(parts, ",") .. "]")
end
