#!/usr/bin/env bash
# Entitlement checks under ingestion load (bench/RESULTS.md explains the method):
#   scripts/bench-entitlements.sh [runs]   (default 3; medians reported)
# Each run starts a fresh headless server, creates the `bench` meter and a plan on it, assigns the 1000
# subjects org_0…org_999, then measures for 10 s each, in alternating order:
#   off:    REST bulk ingestion of unassigned subjects (free_*; no plan counters) + checks at ≈1000/s
#   on:     REST bulk ingestion of assigned subjects (org_*; counters updated in the ingest transaction)
#           + checks at ≈1000/s
#   checks: checks alone
# and prints ingest events/s, check rate and p50/p99 latency (wrk --latency), and the server's CPU
# time (utime+stime from /proc/<pid>/stat) per event and per check. OSC_BUILD_DIR picks the build.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
runs="${1:-3}"
bin="${OSC_BUILD_DIR:-$root/build}/app/open-spanner-console"
[ -x "$bin" ] || { echo "build first: $bin is missing" >&2; exit 1; }
command -v wrk >/dev/null || { echo "wrk is required (apt-get install wrk)" >&2; exit 1; }
work="$(mktemp -d)"; server_pid=""
trap '[ -n "$server_pid" ] && kill $server_pid 2>/dev/null; rm -rf "$work"' EXIT
port=18191; base="http://127.0.0.1:$port"
export OSC_BENCH_KEY="osp_sk_bench$(head -c 24 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=')"
tick=$(getconf CLK_TCK)

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
cpu_ticks() { awk '{print $14 + $15}' /proc/$server_pid/stat; }

start_server() {
  rm -rf "$work/data"
  OPEN_SPANNER_BOOTSTRAP_API_KEY="$OSC_BENCH_KEY" OPEN_SPANNER_GRPC_ADDR=off "$bin" --headless \
    --data-dir "$work/data" --listen "127.0.0.1:$port" >"$work/server.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 50); do curl -sf -o /dev/null "$base/health" && break; sleep 0.1; done
  local auth="Authorization: Bearer $OSC_BENCH_KEY"
  curl -sf -o /dev/null "$base/v1/meters" -H "$auth" \
    -d '{"name":"bench","unit":"request","dimensions":[{"name":"region","type":"string"},{"name":"endpoint","type":"string"},{"name":"status_code","type":"number"}]}'
  local plan
  plan=$(curl -sf "$base/v1/plans" -H "$auth" -d '{"name":"bench","limits":[{"meter":"bench","limit":1e15}]}' \
    | sed 's/.*"description":"[^"]*","id":"\([^"]*\)".*/\1/')
  # 1000 assignments over one keep-alive connection.
  local args=()
  for s in $(seq 0 999); do
    args+=(-X PUT "$base/v1/plans/subjects/org_$s" -H "$auth" -d "{\"plan_id\":\"$plan\"}" -o /dev/null --next)
  done
  curl -sf "${args[@]}" "$base/health" -o /dev/null
}
stop_server() { kill $server_pid; wait $server_pid 2>/dev/null || true; server_pid=""; }

# phase <name> <subjects prefix or ""> : runs bulk (unless "") and checks for 10 s, appends results.
phase() {
  local name=$1 prefix=$2 t0 t1 bulk_rate=0
  t0=$(cpu_ticks)
  if [ -n "$prefix" ]; then
    OSC_BENCH_SUBJECTS=$prefix wrk -t1 -c4 -d10s -s "$root/bench/wrk/bulk_now.lua" "$base" >"$work/bulk.txt" &
    local bulk_pid=$!
  fi
  wrk -t1 -c6 -d10s --latency -s "$root/bench/wrk/check.lua" "$base" >"$work/check.txt"
  [ -n "$prefix" ] && wait $bulk_pid
  t1=$(cpu_ticks)
  [ -n "$prefix" ] && bulk_rate=$(awk '/Requests\/sec/ {printf "%d", $2 * 1000}' "$work/bulk.txt")
  local checks p50 p99 cpu
  checks=$(awk '/Requests\/sec/ {printf "%d", $2}' "$work/check.txt")
  p50=$(awk '$1 == "50%" {print $2}' "$work/check.txt")
  p99=$(awk '$1 == "99%" {print $2}' "$work/check.txt")
  cpu=$(awk "BEGIN {printf \"%.2f\", ($t1 - $t0) / $tick}")
  echo "$name $bulk_rate $checks $p50 $p99 $cpu" >>"$work/results.txt"
  echo "run $i $name: bulk ${bulk_rate} events/s, checks ${checks}/s p50 $p50 p99 $p99, server CPU ${cpu}s" >&2
}

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
for i in $(seq "$runs"); do
  start_server
  if [ $((i % 2)) -eq 1 ]; then phase off free_; phase on org_; else phase on org_; phase off free_; fi
  phase checks ""
  stop_server
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)" >&2

# Latencies in ms (wrk prints us/ms/s units).
to_ms() { awk '{v=$1; if (v ~ /us$/) {sub(/us/,"",v); v/=1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v*=1000}; printf "%.3f\n", v}'; }
col() { awk -v n="$1" -v c="$2" '$1 == n {print $c}' "$work/results.txt"; }
echo "| phase | ingest events/s (runs) | median | checks/s | check p50 ms | check p99 ms (runs) | median p99 | server CPU s / 10 s | CPU µs per event | CPU µs per check |"
echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"
for name in off on checks; do
  ev=$(col $name 2 | tr '\n' ' '); evm=$(col $name 2 | median)
  ck=$(col $name 3 | median)
  p50=$(col $name 4 | to_ms | median)
  p99s=$(col $name 5 | to_ms | tr '\n' ' '); p99=$(col $name 5 | to_ms | median)
  cpu=$(col $name 6 | median)
  per_event=$(awk "BEGIN {if ($evm > 0) printf \"%.2f\", 1e6 * $cpu / ($evm * 10); else print \"—\"}")
  per_check=$(awk "BEGIN {if ($evm == 0 && $ck > 0) printf \"%.1f\", 1e6 * $cpu / ($ck * 10); else print \"—\"}")
  echo "| $name | $ev | $evm | $ck | $p50 | $p99s | $p99 | $cpu | $per_event | $per_check |"
done
