#!/usr/bin/env bash
# The dashboard flow of an Open Spanner client, with curl and its cookie jar: register a user, log in,
# create an API key over the session, post usage with the key and read it back, refresh, log out.
# Usage: scripts/accounts-flow.sh [base-url] [email]   (default http://127.0.0.1:18081, a fresh email)
set -euo pipefail
base="${1:-http://127.0.0.1:18081}"
email="${2:-dev-$(date +%s%N)@example.com}"
password='correct horse battery staple'
jar="$(mktemp)"
trap 'rm -f "$jar"' EXIT

step() { printf '\n== %s\n' "$*" >&2; }
expect() { # expect <status> <curl args…>: runs curl, prints the body, fails on another status
  local want="$1"; shift
  local out status
  out="$(curl -sS -w '\n%{http_code}' "$@")"
  status="${out##*$'\n'}"
  printf '%s\n' "${out%$'\n'*}"
  if [ "$status" != "$want" ]; then echo "expected HTTP $want, got $status" >&2; exit 1; fi
}

step "register $email"
expect 201 -X POST "$base/v1/auth/users" -d "{\"email\":\"$email\",\"password\":\"$password\"}"

step "log in (cookies into the jar)"
expect 201 -c "$jar" -X POST "$base/v1/auth/sessions" -d "{\"email\":\"$email\",\"password\":\"$password\"}"

step "who am I"
expect 200 -b "$jar" "$base/v1/auth/session"

step "create an API key over the session"
key_json="$(expect 201 -b "$jar" -X POST "$base/v1/auth/api-keys" \
  -d '{"name":"ci","scopes":["usage:*","meters:*"]}')"
echo "$key_json"
key="$(printf '%s' "$key_json" | sed -n 's/.*"key":"\([^"]*\)".*/\1/p')"
[ -n "$key" ] || { echo "no key in the response" >&2; exit 1; }

step "create a meter and post usage with the key"
expect 201 -H "Authorization: Bearer $key" -X POST "$base/v1/meters" \
  -d '{"name":"api_requests","unit":"request","aggregation":"sum"}'
expect 201 -H "Authorization: Bearer $key" -X POST "$base/v1/usages" \
  -d '{"meter":"api_requests","subject":"customer_1","quantity":3,"timestamp":"2026-06-08T10:00:00Z","idempotency_key":"usage_001"}'

step "read it back"
expect 200 -H "Authorization: Bearer $key" \
  "$base/v1/usages?meter=api_requests&from=2026-06-08T00:00:00Z&to=2026-06-09T00:00:00Z&bucket_size=day"

step "refresh the session, then log out"
expect 200 -b "$jar" -c "$jar" -X POST "$base/v1/auth/session/refresh"
expect 204 -b "$jar" -c "$jar" -X DELETE "$base/v1/auth/session"
expect 401 -b "$jar" "$base/v1/auth/session"
echo "accounts flow OK" >&2
