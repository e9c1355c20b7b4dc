-- POST /v1/usages, one event per request, unique idempotency keys (per wrk thread: each thread has its
-- own Lua state, whose unseeded math.random would otherwise give every thread the same tag).
local counter = 0
local threads = 0
setup = function(thread)
  threads = threads + 1
  thread:set("thread_id", threads)
end
local tag = nil
local key = os.getenv("OSC_BENCH_KEY")
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. key
request = function()
  if tag == nil then
    tag = tostring(os.time()) .. "-" .. tostring(thread_id)
  end
  counter = counter + 1
  local body = string.format(
    '{"idempotency_key":"s-%s-%d","subject":"org_%d","meter":"bench","quantity":1,' ..
    '"metadata":{"region":"us-east","endpoint":"/orders","status_code":200}}', tag, counter, counter % 1000)
  return wrk.format(nil, "/v1/usages", nil, body)
end
