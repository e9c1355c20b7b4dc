-- POST /v1/usages, one event per request, unique idempotency keys per connection.
local counter = 0
local tag = tostring(os.time()) .. "-" .. tostring(math.random(1, 1e9))
local key = os.getenv("OSC_BENCH_KEY")
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. key
request = function()
  counter = counter + 1
  local body = string.format(
    '{"idempotency_key":"s-%s-%d","subject":"org_%d","meter":"bench","quantity":1,' ..
    '"metadata":{"region":"us-east","endpoint":"/orders","status_code":200}}', tag, counter, counter % 1000)
  return wrk.format(nil, "/v1/usages", nil, body)
end
