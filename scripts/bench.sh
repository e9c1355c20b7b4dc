#!/usr/bin/env bash
# Runs the ingestion benchmark (bench/RESULTS.md explains the method) and prints Markdown tables.
#   scripts/bench.sh [runs]     (default 5 runs per workload; the median is reported; 0 = only the
#                               query-latency measurement below)
# Workloads, one server build, one run: (a) raw sqlite3 insert into the product's own table and indexes;
# (b1) REST bulk, live shape (one hour, 1,000 subjects); (b2) REST bulk, backfill shape (30 days, 1,000
# subjects); (c) single POSTs over 32 connections; (d) GET /health. For (b1) and (b2) also the server's
# CPU time per stored event (utime + stime from /proc, until the rollups have caught up) and how long
# the rollups took to catch up after the load stopped.
# OSC_BENCH_BASELINE_BIN=/path/to/older/open-spanner-console also runs (b1), (b2) and (c) against that
# binary, interleaved with ours, so a change's effect is measured under the same machine load.
# OSC_BENCH_NO_BUILD=1 uses the binaries already in the build folder.
# OSC_BENCH_QUERY_EVENTS=N (default 0 = skip): afterwards, fill one server to N events (backfill shape)
# and time a bucket query every 0.2 s while (b2) runs against it: p50, p99 and max latency.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
runs="${1:-5}"
[ -n "${OSC_BENCH_NO_BUILD:-}" ] || "$root/scripts/build.sh" >/dev/null
command -v wrk >/dev/null || { apt-get update -qq >/dev/null; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
bin="${OSC_BUILD_DIR:-$root/build}/app/open-spanner-console"
raw="${OSC_BUILD_DIR:-$root/build}/bench/bench_sqlite_insert"
work="$(mktemp -d)"
server_pid=""
trap '[ -n "$server_pid" ] && kill $server_pid 2>/dev/null; rm -rf "$work"' EXIT
port=18181
url="http://127.0.0.1:$port"
export OSC_BENCH_KEY="osp_sk_bench$(head -c 24 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=')"
clk=$(getconf CLK_TCK)
duration=10

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
join() { local IFS=' '; echo "$*"; }

start_server() {
  local server_bin="${1:-$bin}"
  rm -rf "$work/data"
  OPEN_SPANNER_BOOTSTRAP_API_KEY="$OSC_BENCH_KEY" "$server_bin" --headless --data-dir "$work/data" \
    --listen "127.0.0.1:$port" >"$work/server.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 100); do curl -sf -o /dev/null "$url/health" && break; sleep 0.1; done
  curl -sf -o /dev/null -X POST "$url/v1/meters" -H "Authorization: Bearer $OSC_BENCH_KEY" \
    -d '{"name":"bench","unit":"request","dimensions":[{"name":"region","type":"string"},{"name":"endpoint","type":"string"},{"name":"status_code","type":"number"}]}'
}
stop_server() { kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=""; }
wrk_rate() { wrk "$@" | awk '/Requests\/sec/ {printf "%d\n", $2}'; }
# Bulk rates: requests/s × 1,000 events, from wrk's two decimals.
wrk_events() { wrk "$@" | awk '/Requests\/sec/ {printf "%d\n", $2 * 1000}'; }
cpu_ticks() { awk '{print $14 + $15}' "/proc/$server_pid/stat"; }
stats() { curl -sf "$url/v1/system/stats" -H "Authorization: Bearer $OSC_BENCH_KEY"; }
stored_events() { stats | python3 -c 'import json,sys; print(json.load(sys.stdin)["usage_events"])'; }
# Events not folded into the rollups yet (0 for a binary without the field: it rolls up at commit).
lag_events() { stats | python3 -c 'import json,sys; print(json.load(sys.stdin).get("rollup_lag", {}).get("events", 0))'; }

# One bulk run: prints "<acknowledged events/s> <CPU µs per stored event> <catch-up seconds>".
bulk_run() {
  local script="$1" server_bin="${2:-$bin}"
  start_server "$server_bin"
  local before after rate started caught
  before=$(cpu_ticks)
  rate=$(wrk_events -t1 -c8 -d${duration}s -s "$root/bench/wrk/$script" "$url")
  started=$(date +%s.%N)
  for _ in $(seq 600); do [ "$(lag_events)" = 0 ] && break; sleep 0.2; done
  caught=$(awk "BEGIN {printf \"%.1f\", $(date +%s.%N) - $started}")
  after=$(cpu_ticks)
  local events; events=$(stored_events)
  stop_server
  echo "$rate $(awk "BEGIN {printf \"%.1f\", ($after - $before) * 1e6 / $clk / $events}") $caught"
}

a=(); b1=(); b2=(); c=(); d=(); cpu1=(); cpu2=(); lag1=(); lag2=()
base_b1=(); base_b2=(); base_c=(); base_cpu1=(); base_cpu2=()
baseline="${OSC_BENCH_BASELINE_BIN:-}"
for i in $(seq "$runs"); do
  a+=("$("$raw" 200000 "$work/raw-$i.db")"); rm -f "$work/raw-$i.db"*
  read -r r u l < <(bulk_run bulk.lua); b1+=("$r"); cpu1+=("$u"); lag1+=("$l")
  read -r r u l < <(bulk_run bulk_backfill.lua); b2+=("$r"); cpu2+=("$u"); lag2+=("$l")
  start_server; c+=("$(wrk_rate -t2 -c32 -d${duration}s -s "$root/bench/wrk/single.lua" "$url")"); stop_server
  start_server; d+=("$(wrk_rate -t2 -c32 -d${duration}s "$url/health")"); stop_server
  if [ -n "$baseline" ]; then
    read -r r u l < <(bulk_run bulk.lua "$baseline"); base_b1+=("$r"); base_cpu1+=("$u")
    read -r r u l < <(bulk_run bulk_backfill.lua "$baseline"); base_b2+=("$r"); base_cpu2+=("$u")
    start_server "$baseline"; base_c+=("$(wrk_rate -t2 -c32 -d${duration}s -s "$root/bench/wrk/single.lua" "$url")"); stop_server
  fi
done
m() { printf '%s\n' "$@" | median; }
if [ "$runs" -gt 0 ]; then
ma=$(m "${a[@]}"); mb1=$(m "${b1[@]}"); mb2=$(m "${b2[@]}"); mc=$(m "${c[@]}"); md=$(m "${d[@]}")
pct() { awk "BEGIN {printf \"%.0f%%\", 100*$1/$2}"; }
echo "| workload | runs | median | ratio |"
echo "| --- | --- | --- | --- |"
echo "| (a) raw sqlite3 insert, one transaction (rows/s) | $(join "${a[@]}") | $ma | — |"
echo "| (b1) REST bulk, live shape (events/s) | $(join "${b1[@]}") | $mb1 | $(pct "$mb1" "$ma") of (a) |"
echo "| (b2) REST bulk, backfill shape (events/s) | $(join "${b2[@]}") | $mb2 | $(pct "$mb2" "$ma") of (a), $(pct "$mb2" "$mb1") of (b1) |"
echo "| (c) REST single POST, 32 connections (req/s) | $(join "${c[@]}") | $mc | $(pct "$mc" "$md") of (d) |"
echo "| (d) GET /health, 32 connections (req/s) | $(join "${d[@]}") | $md | — |"
echo "| (b1) server CPU µs per stored event | $(join "${cpu1[@]}") | $(m "${cpu1[@]}") | — |"
echo "| (b2) server CPU µs per stored event | $(join "${cpu2[@]}") | $(m "${cpu2[@]}") | — |"
echo "| (b1) rollups caught up after the load (s) | $(join "${lag1[@]}") | $(m "${lag1[@]}") | — |"
echo "| (b2) rollups caught up after the load (s) | $(join "${lag2[@]}") | $(m "${lag2[@]}") | — |"
if [ -n "$baseline" ]; then
  bb1=$(m "${base_b1[@]}"); bb2=$(m "${base_b2[@]}"); bc=$(m "${base_c[@]}")
  echo "| (b1) baseline binary, same runs (events/s) | $(join "${base_b1[@]}") | $bb1 | ours = $(pct "$mb1" "$bb1") |"
  echo "| (b2) baseline binary, same runs (events/s) | $(join "${base_b2[@]}") | $bb2 | ours = $(pct "$mb2" "$bb2") |"
  echo "| (c) baseline binary, same runs (req/s) | $(join "${base_c[@]}") | $bc | ours = $(pct "$mc" "$bc") |"
  echo "| (b1) baseline CPU µs per stored event | $(join "${base_cpu1[@]}") | $(m "${base_cpu1[@]}") | — |"
  echo "| (b2) baseline CPU µs per stored event | $(join "${base_cpu2[@]}") | $(m "${base_cpu2[@]}") | — |"
fi
fi

query_events="${OSC_BENCH_QUERY_EVENTS:-0}"
if [ "$query_events" -gt 0 ]; then
  # A bucket query's latency while a backfill runs, at query_events stored events.
  start_server
  while [ "$(stored_events)" -lt "$query_events" ]; do
    wrk -t1 -c8 -d20s -s "$root/bench/wrk/bulk_backfill.lua" "$url" >/dev/null
  done
  for _ in $(seq 1200); do [ "$(lag_events)" = 0 ] && break; sleep 0.5; done
  stored=$(stored_events)
  query="$url/v1/usages?meter=bench&bucket_size=day&from=2026-05-01T00:00:00Z&to=2026-06-09T00:00:00Z&group_by=region"
  wrk -t1 -c8 -d${duration}s -s "$root/bench/wrk/bulk_backfill.lua" "$url" >"$work/wrk-q.txt" &
  wrk_pid=$!
  sleep 1
  : >"$work/latency.txt"
  while kill -0 "$wrk_pid" 2>/dev/null; do
    curl -s -o /dev/null -w '%{time_total}\n' -H "Authorization: Bearer $OSC_BENCH_KEY" "$query" >>"$work/latency.txt"
    sleep 0.2
  done
  stop_server
  sort -n "$work/latency.txt" | awk -v stored="$stored" '{a[NR]=$1*1000} END {
    printf "\nBucket query (day buckets, 39 days, group_by region) every 0.2 s during (b2) at %d stored events: ", stored;
    printf "%d queries, p50 %.1f ms, p99 %.1f ms, max %.1f ms\n", NR, a[int((NR+1)/2)], a[int(NR*0.99+0.5)], a[NR] }'
fi
