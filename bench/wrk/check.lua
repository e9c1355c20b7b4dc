-- POST /v1/entitlements/check for one of the 1000 assigned subjects, paced by delay(): with -c N each
-- connection waits OSC_BENCH_CHECK_DELAY_MS (default 5) between requests, so -c6 gives ≈ 1000 checks/s.
local key = os.getenv("OSC_BENCH_KEY")
local pause = tonumber(os.getenv("OSC_BENCH_CHECK_DELAY_MS") or "5")
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. key
local n = 0
request = function()
  n = n + 1
  return wrk.format(nil, "/v1/entitlements/check", nil,
    string.format('{"subject":"org_%d","meter":"bench","quantity":1}', (n * 7919) % 1000))
end
delay = function()
  return pause
end
