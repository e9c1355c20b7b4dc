#!/usr/bin/env bash
# Runs the ingestion benchmark (bench/RESULTS.md explains the method) and prints a Markdown table.
#   scripts/bench.sh [runs]     (default 3 runs per workload; the median is reported)
# OSC_BENCH_BASELINE_BIN=/path/to/older/open-spanner-console also runs (b) and (c) against that binary,
# interleaved with ours, so a change's cost is measured under the same machine load.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
runs="${1:-3}"
"$root/scripts/build.sh" >/dev/null
command -v wrk >/dev/null || { apt-get update -qq >/dev/null; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
bin="${OSC_BUILD_DIR:-$root/build}/app/open-spanner-console"
raw="${OSC_BUILD_DIR:-$root/build}/bench/bench_sqlite_insert"
work="$(mktemp -d)"; trap 'kill $server_pid 2>/dev/null || true; rm -rf "$work"' EXIT
port=18181
export OSC_BENCH_KEY="osp_sk_bench$(head -c 24 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=')"

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

start_server() {
  local server_bin="${1:-$bin}"
  rm -rf "$work/data"
  OPEN_SPANNER_BOOTSTRAP_API_KEY="$OSC_BENCH_KEY" "$server_bin" --headless --data-dir "$work/data" \
    --listen "127.0.0.1:$port" >"$work/server.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 50); do curl -sf -o /dev/null "http://127.0.0.1:$port/health" && break; sleep 0.1; done
  curl -sf -o /dev/null -X POST "http://127.0.0.1:$port/v1/meters" -H "Authorization: Bearer $OSC_BENCH_KEY" \
    -d '{"name":"bench","unit":"request","dimensions":[{"name":"region","type":"string"},{"name":"endpoint","type":"string"},{"name":"status_code","type":"number"}]}'
}
stop_server() { peak_kb=$(awk '/VmHWM/ {print $2}' /proc/$server_pid/status); kill $server_pid; wait $server_pid 2>/dev/null || true; }
wrk_rate() { wrk "$@" | awk '/Requests\/sec/ {printf "%d\n", $2}'; }

a=(); b=(); c=(); d=(); mem_b=(); mem_c=(); base_b=(); base_c=()
baseline="${OSC_BENCH_BASELINE_BIN:-}"
for i in $(seq "$runs"); do
  a+=("$("$raw" 200000 "$work/raw-$i.db")")
  start_server; b+=("$(( $(wrk_rate -t1 -c8 -d10s -s "$root/bench/wrk/bulk.lua" "http://127.0.0.1:$port") * 1000 ))"); stop_server; mem_b+=("$peak_kb")
  start_server; c+=("$(wrk_rate -t2 -c32 -d10s -s "$root/bench/wrk/single.lua" "http://127.0.0.1:$port")"); stop_server; mem_c+=("$peak_kb")
  start_server; d+=("$(wrk_rate -t2 -c32 -d10s "http://127.0.0.1:$port/health")"); stop_server
  if [ -n "$baseline" ]; then
    start_server "$baseline"; base_b+=("$(( $(wrk_rate -t1 -c8 -d10s -s "$root/bench/wrk/bulk.lua" "http://127.0.0.1:$port") * 1000 ))"); stop_server
    start_server "$baseline"; base_c+=("$(wrk_rate -t2 -c32 -d10s -s "$root/bench/wrk/single.lua" "http://127.0.0.1:$port")"); stop_server
  fi
done
ma=$(printf '%s\n' "${a[@]}" | median); mb=$(printf '%s\n' "${b[@]}" | median)
mc=$(printf '%s\n' "${c[@]}" | median); md=$(printf '%s\n' "${d[@]}" | median)
echo "| workload | runs | median | ratio |"
echo "| --- | --- | --- | --- |"
echo "| (a) raw sqlite3 insert, one transaction (rows/s) | ${a[*]} | $ma | — |"
echo "| (b) REST bulk, 1000 events/request (events/s) | ${b[*]} | $mb | $(awk "BEGIN {printf \"%.0f%% of (a)\", 100*$mb/$ma}") |"
echo "| (c) REST single POST, 32 connections (req/s) | ${c[*]} | $mc | $(awk "BEGIN {printf \"%.0f%% of (d)\", 100*$mc/$md}") |"
echo "| (d) GET /health, 32 connections (req/s) | ${d[*]} | $md | — |"
if [ -n "$baseline" ]; then
  bb=$(printf '%s\n' "${base_b[@]}" | median); bc=$(printf '%s\n' "${base_c[@]}" | median)
  echo "| (b) baseline binary, same runs (events/s) | ${base_b[*]} | $bb | ours = $(awk "BEGIN {printf \"%.0f%%\", 100*$mb/$bb}") of baseline |"
  echo "| (c) baseline binary, same runs (req/s) | ${base_c[*]} | $bc | ours = $(awk "BEGIN {printf \"%.0f%%\", 100*$mc/$bc}") of baseline |"
fi
echo
echo "Peak server RSS (VmHWM, KiB): bulk ${mem_b[*]}; single ${mem_c[*]}"
