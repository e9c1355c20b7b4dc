#!/usr/bin/env bash
# gRPC StreamUsage against REST bulk, in the same run (bench/RESULTS.md explains the method):
# several concurrent streams of client-streaming calls of 1,000 events each, against the same workload
# as REST bulk POSTs of 1,000 events over as many keep-alive connections. Each measurement starts a
# fresh server on a fresh database; gRPC and REST alternate, so both see the same machine load.
#   scripts/bench-grpc.sh [runs] [streams] [calls-per-stream]     (default 5 runs, 4 streams, 50 calls)
# IngestStream (our acknowledged stream, 1,000-event batches) is measured the same way.
# Prints events/s stored and server CPU µs per event (utime+stime of the server from /proc), medians.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
runs="${1:-5}"; streams="${2:-4}"; calls="${3:-50}"
build="${OSC_BUILD_DIR:-$root/build}"
"$root/scripts/build.sh" >/dev/null
bin="$build/app/open-spanner-console"
load="$build/bench/bench_grpc_ingest"
work="$(mktemp -d)"; server_pid=""
trap '[ -n "$server_pid" ] && kill $server_pid 2>/dev/null; rm -rf "$work"' EXIT
http_port=18281; grpc_port=18290
key="osp_sk_bench$(head -c 24 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=')"

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

start_server() {
  rm -rf "$work/data"
  OPEN_SPANNER_BOOTSTRAP_API_KEY="$key" "$bin" --headless --data-dir "$work/data" \
    --listen "127.0.0.1:$http_port" --grpc-listen "127.0.0.1:$grpc_port" >"$work/server.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 50); do curl -sf -o /dev/null "http://127.0.0.1:$http_port/health" && break; sleep 0.1; done
  curl -sf -o /dev/null -X POST "http://127.0.0.1:$http_port/v1/meters" -H "Authorization: Bearer $key" \
    -d '{"name":"bench","unit":"request","dimensions":[{"name":"region","type":"string"},{"name":"endpoint","type":"string"},{"name":"status_code","type":"number"}]}'
}
stop_server() { kill $server_pid; wait $server_pid 2>/dev/null || true; server_pid=""; }

g_rate=(); g_cpu=(); i_rate=(); i_cpu=(); r_rate=(); r_cpu=()
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
for i in $(seq "$runs"); do
  start_server
  read -r _ rate cpu < <("$load" grpc "$server_pid" "127.0.0.1:$grpc_port" "$key" "$streams" "$calls" "g$i")
  g_rate+=("$rate"); g_cpu+=("$cpu"); stop_server
  start_server
  read -r _ rate cpu < <("$load" ingest "$server_pid" "127.0.0.1:$grpc_port" "$key" "$streams" "$calls" "i$i")
  i_rate+=("$rate"); i_cpu+=("$cpu"); stop_server
  start_server
  read -r _ rate cpu < <("$load" rest "$server_pid" "127.0.0.1:$http_port" "$key" "$streams" "$calls" "r$i")
  r_rate+=("$rate"); r_cpu+=("$cpu"); stop_server
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
mgr=$(printf '%s\n' "${g_rate[@]}" | median); mgc=$(printf '%s\n' "${g_cpu[@]}" | median)
mir=$(printf '%s\n' "${i_rate[@]}" | median); mic=$(printf '%s\n' "${i_cpu[@]}" | median)
mrr=$(printf '%s\n' "${r_rate[@]}" | median); mrc=$(printf '%s\n' "${r_cpu[@]}" | median)
events=$((streams * calls * 1000))
echo "| door ($streams streams × $calls calls × 1,000 events = $events per run) | events/s per run | median events/s | server CPU µs/event per run | median µs/event |"
echo "| --- | --- | --- | --- | --- |"
echo "| gRPC StreamUsage | ${g_rate[*]} | $mgr | ${g_cpu[*]} | $mgc |"
echo "| gRPC IngestStream (1,000-event batches) | ${i_rate[*]} | $mir | ${i_cpu[*]} | $mic |"
echo "| REST bulk | ${r_rate[*]} | $mrr | ${r_cpu[*]} | $mrc |"
echo
echo "StreamUsage/REST bulk: throughput $(awk "BEGIN {printf \"%.0f%%\", 100*$mgr/$mrr}"), CPU per event $(awk "BEGIN {printf \"%.0f%%\", 100*$mgc/$mrc}")"
echo "IngestStream/REST bulk: throughput $(awk "BEGIN {printf \"%.0f%%\", 100*$mir/$mrr}"), CPU per event $(awk "BEGIN {printf \"%.0f%%\", 100*$mic/$mrc}")"
