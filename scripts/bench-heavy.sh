#!/usr/bin/env bash
# /health latency and ingest rate while heavy queries run (issue 21: no request waits behind another).
#   scripts/bench-heavy.sh [events] [runs]      (default 1000000 demo events, 3 runs per phase)
# Phases: idle, 4 and 16 heavy clients. Each heavy client loops a bucket search whose filter is on
# plain metadata (not a rollup dimension), so every query scans all raw events of the meter. In each
# phase, for 10 s: wrk -c4 on GET /health (p50/p99) and wrk -c8 posting single events (req/s), at once.
# OSC_BENCH_BASELINE_BIN=/path/to/older/open-spanner-console runs the same phases against that binary.
# bench/RESULTS.md has the method and the figures.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
events="${1:-1000000}"
runs="${2:-3}"
build="${OSC_BUILD_DIR:-$root/build}"
bin="$build/app/open-spanner-console"
command -v wrk >/dev/null || { apt-get update -qq >/dev/null; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
data="${OSC_BENCH_DATA:-$build/bench-data}/heavy-$events"
if [ ! -f "$data/open-spanner.db" ]; then
  rm -rf "$data"
  "$bin" demo --events "$events" --days 30 --subjects 1000 --meter api_requests --data-dir "$data" >&2
fi
work="$(mktemp -d)"
heavy_pids=()
server_pid=
cleanup() {
  for p in "${heavy_pids[@]}"; do kill "$p" 2>/dev/null || true; done
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
port=18183
base="http://127.0.0.1:$port"
export OSC_BENCH_KEY="osp_sk_bench$(head -c 24 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=')"
auth="Authorization: Bearer $OSC_BENCH_KEY"

start_server() {
  local server_bin="$1"
  rm -rf "$work/data" && cp -r "$data" "$work/data"
  OPEN_SPANNER_BOOTSTRAP_API_KEY="$OSC_BENCH_KEY" OPEN_SPANNER_GRPC_ADDR=off "$server_bin" --headless \
    --data-dir "$work/data" --listen "127.0.0.1:$port" >"$work/server.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 100); do curl -sf -o /dev/null "$base/health" && break; sleep 0.1; done
  curl -sf -o /dev/null "$base/v1/meters" -H "$auth" \
    -d '{"name":"bench","unit":"request","dimensions":[{"name":"region","type":"string"},{"name":"endpoint","type":"string"},{"name":"status_code","type":"number"}]}'
}
stop_server() { kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=; }

from=$(date -u -d '-40 days' +%Y-%m-%dT00:00:00Z)
to=$(date -u -d '+1 day' +%Y-%m-%dT00:00:00Z)
query="{\"meter\":\"api_requests\",\"from\":\"$from\",\"to\":\"$to\",\"bucket_size\":\"day\",\"filter\":{\"type\":\"condition\",\"field\":\"metadata.status_code\",\"op\":\"eq\",\"value\":\"200\"}}"

start_heavy() {
  heavy_pids=()
  for i in $(seq "$1"); do
    ( while :; do
        code=$(curl -s -o /dev/null -w '%{http_code}' "$base/v1/usages/search" -H "$auth" -d "$query" || true)
        echo "$code" >>"$work/heavy-$i.log"
      done ) &
    heavy_pids+=($!)
  done
  sleep 1 # every client has a query in flight
}
stop_heavy() {
  for p in "${heavy_pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait "${heavy_pids[@]}" 2>/dev/null || true
  heavy_pids=()
}

to_ms() { awk '{v=$1; if (v ~ /us$/) {sub(/us$/,"",v); v/=1000} else if (v ~ /ms$/) {sub(/ms$/,"",v)} else if (v ~ /s$/) {sub(/s$/,"",v); v*=1000}; printf "%.2f\n", v}'; }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

# One phase: prints "p50_ms p99_ms ingest_rps heavy_done heavy_non200"
phase() {
  local heavy="$1"
  rm -f "$work"/heavy-*.log
  [ "$heavy" -gt 0 ] && start_heavy "$heavy"
  wrk -t1 -c4 -d10s --latency "$base/health" >"$work/health.txt" &
  local health_pid=$!
  wrk -t1 -c8 -d10s -s "$root/bench/wrk/single.lua" "$base" >"$work/ingest.txt"
  wait "$health_pid"
  [ "$heavy" -gt 0 ] && stop_heavy
  local p50 p99 rps done bad
  p50=$(awk '$1 == "50%" {print $2}' "$work/health.txt" | to_ms)
  p99=$(awk '$1 == "99%" {print $2}' "$work/health.txt" | to_ms)
  rps=$(awk '/Requests\/sec/ {printf "%d", $2}' "$work/ingest.txt")
  done=$(cat "$work"/heavy-*.log 2>/dev/null | grep -c . || true)
  bad=$(cat "$work"/heavy-*.log 2>/dev/null | grep -vc '^200$' || true)
  echo "$p50 $p99 $rps $done $bad"
}

report() {
  local label="$1" server_bin="$2"
  echo "### $label"
  echo
  echo "| heavy clients | /health p50 ms (runs) | /health p99 ms (runs) | median p99 | ingest req/s (runs) | median | % of idle | heavy queries answered (non-200) |"
  echo "| --- | --- | --- | --- | --- | --- | --- | --- |"
  local idle_rps=
  for heavy in 0 4 16; do
    local p50s=() p99s=() rpss=() dones=() bads=()
    for _ in $(seq "$runs"); do
      start_server "$server_bin"
      read -r p50 p99 rps done bad < <(phase "$heavy")
      stop_server
      p50s+=("$p50"); p99s+=("$p99"); rpss+=("$rps"); dones+=("$done"); bads+=("$bad")
    done
    local mp99 mrps
    mp99=$(printf '%s\n' "${p99s[@]}" | median); mrps=$(printf '%s\n' "${rpss[@]}" | median)
    [ "$heavy" -eq 0 ] && idle_rps=$mrps
    echo "| $heavy | ${p50s[*]} | ${p99s[*]} | $mp99 | ${rpss[*]} | $mrps | $(awk "BEGIN {printf \"%.0f%%\", 100*$mrps/$idle_rps}") | ${dones[*]} (${bads[*]}) |"
  done
  echo
}

echo "Machine: $(nproc) vCPU, load average before: $(cut -d' ' -f1-3 /proc/loadavg); $events demo events ($(du -h "$data/open-spanner.db" | cut -f1))"
echo
report "this build" "$bin"
if [ -n "${OSC_BENCH_BASELINE_BIN:-}" ]; then
  report "baseline: $OSC_BENCH_BASELINE_BIN" "$OSC_BENCH_BASELINE_BIN"
fi
