#!/usr/bin/env bash
# Query benchmark (issue 4; bench/RESULTS.md explains the method). Generates the data set once with the
# demo generator (N events over 30 days, 1,000 subjects, all on the 3-dimension api_requests meter) and
# reuses it on later runs, then runs bench_queries against it and prints a Markdown table.
#   scripts/bench-queries.sh [events] [runs]      (defaults: 10000000 events, 15 runs per query)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
events="${1:-10000000}"
runs="${2:-15}"
"$root/scripts/build.sh" >/dev/null
build="${OSC_BUILD_DIR:-$root/build}"
data="${OSC_BENCH_DATA:-$build/bench-data}/queries-$events"
if [ ! -f "$data/open-spanner.db" ]; then
  rm -rf "$data"
  "$build/app/open-spanner-console" demo --events "$events" --days 30 --subjects 1000 --meter api_requests \
    --data-dir "$data" >&2
fi
echo "Machine: $(nproc) vCPU, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1)"
echo "Database: $(du -h "$data/open-spanner.db" | cut -f1)"
echo
"$build/bench/bench_queries" "$data/open-spanner.db" "$runs"
