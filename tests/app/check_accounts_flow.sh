#!/usr/bin/env bash
# Runs scripts/accounts-flow.sh (register, log in with curl's cookie jar, create a key over the
# session, post and read usage with it, refresh, log out) against the built binary, headless on an
# ephemeral port with a throwaway data folder. Usage: check_accounts_flow.sh <binary> <flow-script>
set -euo pipefail
binary="$1"
flow="$2"
data="$(mktemp -d)"
"$binary" --headless --listen 127.0.0.1:0 --data-dir "$data" 2>"$data/server.log" &
server=$!
trap 'kill "$server" 2>/dev/null; wait "$server" 2>/dev/null; rm -rf "$data"' EXIT
url=""
for _ in $(seq 1 100); do
  url="$(sed -n 's/.*serving on \(http:[^ ]*\).*/\1/p' "$data/server.log")"
  [ -n "$url" ] && break
  sleep 0.1
done
[ -n "$url" ] || { cat "$data/server.log" >&2; echo "server did not start" >&2; exit 1; }
"$flow" "$url" "flow@example.com"
