#!/usr/bin/env bash
# Export-jobs benchmark (method and results: bench/RESULTS.md). Prints a Markdown table.
#   scripts/bench-exports.sh [events] [runs]      (defaults: 10000000 events, 3 runs; medians reported)
# The data set is N demo events over the last 30 days for 1000 subjects (`open-spanner-console demo`),
# generated once into bench/data/exports-<N>/ and reused. Each run starts a fresh headless server with
# one in-process export worker and queues, one per server process:
#   (1) a bucket export: api_requests, hour buckets over the data's 30 days, group_by subject + region,
#       limit 1,000,000 (CSV);
#   (2) an event export: every meter, newest first, limit 5,000,000 (CSV).
# For each: wall time from POST /v1/exports to status completed (polled every 50 ms), record_count,
# rows/s, file size, the server's CPU time during the job (user + system, all threads: robust to other
# load on the machine, unlike wall time), and its memory growth: peak RSS (VmHWM) at the end minus RSS
# before the POST. The job is posted 3 s after the server is up, once its start-up work (deriving the
# subject totals) is done.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
events="${1:-10000000}"
runs="${2:-3}"
bucket_rows="${OSC_BENCH_BUCKET_ROWS:-1000000}"
event_rows="${OSC_BENCH_EVENT_ROWS:-5000000}"
"$root/scripts/build.sh" >/dev/null
bin="${OSC_BUILD_DIR:-$root/build}/app/open-spanner-console"
data="${OSC_BENCH_DATA:-$root/bench/data/exports-$events}"
work="$(mktemp -d)"; server_pid=""
trap '[ -n "$server_pid" ] && kill $server_pid 2>/dev/null; rm -rf "$work"' EXIT
port="${OSC_BENCH_PORT:-18182}"
key="osp_sk_bench$(head -c 24 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=')"
auth=(-H "Authorization: Bearer $key")

if [ ! -f "$data/generated_at" ]; then
  rm -rf "$data"; mkdir -p "$data"
  echo "generating $events demo events into $data …" >&2
  start=$(date +%s)
  "$bin" demo --events "$events" --days 30 --subjects 1000 --data-dir "$data" --sqlite-sync normal >&2
  echo "generated in $(( $(date +%s) - start )) s" >&2
  date -u +%s > "$data/generated_at"
fi
generated=$(cat "$data/generated_at")
from=$(date -u -d "@$(( (generated - 30*86400) / 3600 * 3600 - 3600 ))" +%Y-%m-%dT%H:%M:%SZ)
to=$(date -u -d "@$(( (generated / 3600 + 1) * 3600 ))" +%Y-%m-%dT%H:%M:%SZ)

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
field() { sed -n "s/.*\"$1\":\"\{0,1\}\([^\",}]*\).*/\1/p"; }

start_server() {
  rm -rf "$work/exports"
  if curl -s -o /dev/null "http://127.0.0.1:$port/health"; then
    echo "port $port is in use (set OSC_BENCH_PORT)" >&2; exit 1
  fi
  OPEN_SPANNER_BOOTSTRAP_API_KEY="$key" OPEN_SPANNER_EXPORT_WORKER_COUNT=1 OPEN_SPANNER_EXPORT_WORKER_TIMEOUT=2h \
    "$bin" --headless --data-dir "$data" --export-dir "$work/exports" --listen "127.0.0.1:$port" \
    >"$work/server.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 100); do
    curl -sf -o /dev/null "http://127.0.0.1:$port/health" && { sleep 3; return; }
    sleep 0.1
  done
  echo "server did not start" >&2; cat "$work/server.log" >&2; stop_server; exit 1
}
stop_server() { kill $server_pid; wait $server_pid 2>/dev/null || true; server_pid=""; }

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

# run_job <kind> <query json> → "rows seconds rows_per_s growth_kib bytes cpu_seconds"
run_job() {
  start_server
  local rss_before; rss_before=$(awk '/VmRSS/ {print $2}' /proc/$server_pid/status)
  local cpu_before; cpu_before=$(cpu_ticks $server_pid)
  local t0; t0=$(date +%s%N)
  local id; id=$(curl -sf "${auth[@]}" "http://127.0.0.1:$port/v1/exports" \
    -d "{\"kind\":\"$1\",\"format\":\"csv\",\"query\":$2}" | field id)
  local job status
  while :; do
    job=$(curl -sf "${auth[@]}" "http://127.0.0.1:$port/v1/exports/$id")
    status=$(echo "$job" | field status)
    [ "$status" = completed ] && break
    if [ "$status" = failed ] || [ "$status" = canceled ] || [ -z "$status" ]; then
      echo "job ${status:-lost}: $job" >&2; stop_server; exit 1
    fi
    sleep 0.05
  done
  local t1; t1=$(date +%s%N)
  local hwm; hwm=$(awk '/VmHWM/ {print $2}' /proc/$server_pid/status)
  local rows; rows=$(echo "$job" | field record_count)
  local bytes; bytes=$(echo "$job" | field artifact_size)
  local cpu; cpu=$(( $(cpu_ticks $server_pid) - cpu_before ))
  stop_server
  awk -v r="$rows" -v ns="$((t1 - t0))" -v g="$((hwm - rss_before))" -v b="$bytes" -v c="$cpu" -v hz="$(getconf CLK_TCK)" \
    'BEGIN {s = ns / 1e9; printf "%d %.2f %d %d %d %.2f\n", r, s, r / s, g, b, c / hz}'
}

b_rows=(); b_secs=(); b_rate=(); b_mem=(); b_cpu=(); e_rows=(); e_secs=(); e_rate=(); e_mem=(); e_cpu=()
b_bytes=0; e_bytes=0
for i in $(seq "$runs"); do
  out=$(run_job usage_buckets \
    "{\"meter\":\"api_requests\",\"from\":\"$from\",\"to\":\"$to\",\"bucket_size\":\"hour\",\"group_by\":[\"subject\",\"region\"],\"limit\":$bucket_rows}") \
    || { echo "bucket export run $i failed" >&2; exit 1; }
  read -r r s rate mem bytes cpu <<<"$out"
  b_rows+=("$r"); b_secs+=("$s"); b_rate+=("$rate"); b_mem+=("$mem"); b_cpu+=("$cpu"); b_bytes=$bytes
  out=$(run_job usage_events "{\"limit\":$event_rows}") || { echo "event export run $i failed" >&2; exit 1; }
  read -r r s rate mem bytes cpu <<<"$out"
  e_rows+=("$r"); e_secs+=("$s"); e_rate+=("$rate"); e_mem+=("$mem"); e_cpu+=("$cpu"); e_bytes=$bytes
done
med() { printf '%s\n' "$@" | median; }
echo "Data set: $events demo events ($data), range $from – $to"
echo
echo "| queued CSV job | rows | seconds (runs) | rows/s (runs) | median rows/s | server CPU s (runs) | RSS growth MiB (runs) | file MiB |"
echo "| --- | --- | --- | --- | --- | --- | --- | --- |"
mib() { for k in "$@"; do printf '%d ' $(( k / 1024 )); done; }
echo "| buckets: hour × subject × region | ${b_rows[0]} | ${b_secs[*]} | ${b_rate[*]} | $(med "${b_rate[@]}") | ${b_cpu[*]} | $(mib "${b_mem[@]}")| $(( b_bytes / 1048576 )) |"
echo "| events: every meter, newest first | ${e_rows[0]} | ${e_secs[*]} | ${e_rate[*]} | $(med "${e_rate[@]}") | ${e_cpu[*]} | $(mib "${e_mem[@]}")| $(( e_bytes / 1048576 )) |"
