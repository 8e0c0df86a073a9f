#!/usr/bin/env bash
# Measures the Genesys emulator's document search: starts bin/genesys-emulator from the distribution,
# takes a token, and drives searches with wrk (Debian package "wrk") over loopback.
# Usage: host/bench/emulator-search.sh [seconds] [connections] [expand]
#   expand: "text" to ask for article text (expand=documentVariations), as the host does.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
dist="$here/../target/assist-host"
seconds="${1:-20}"
connections="${2:-32}"
threads=$(( connections < 2 ? 1 : 2 ))
query=""
[ "${3:-text}" = "text" ] && query="?expand=documentVariations"
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 1; }
[ -x "$dist/bin/genesys-emulator" ] || { echo "build the distribution first: mvn -q -DskipTests package" >&2; exit 1; }

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
JAVA_OPTS="${JAVA_OPTS:--Xmx512m}" ASSIST_SANDBOX_GENERATOR=false "$dist/bin/genesys-emulator" "$port" >/tmp/genesys-emulator-bench.log 2>&1 &
emulator=$!
trap 'kill $emulator 2>/dev/null; wait $emulator 2>/dev/null' EXIT
for _ in $(seq 1 100); do
    curl -sf -o /dev/null -u assist-sandbox:assist-sandbox-secret -d grant_type=client_credentials \
        "http://127.0.0.1:$port/oauth/token" && break
    sleep 0.2
done
EMULATOR_TOKEN=$(curl -s -u assist-sandbox:assist-sandbox-secret -d grant_type=client_credentials \
    "http://127.0.0.1:$port/oauth/token" | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')
export EMULATOR_TOKEN
kb=$(curl -s -H "Authorization: Bearer $EMULATOR_TOKEN" "http://127.0.0.1:$port/api/v2/knowledge/knowledgebases" \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["entities"][0]["id"])')
url="http://127.0.0.1:$port/api/v2/knowledge/knowledgebases/$kb/documents/search$query"
echo "warm-up (5 s)"
wrk -t"$threads" -c"$connections" -d5s -s "$here/emulator-search.lua" "$url" >/dev/null
echo "measuring ${seconds} s, ${connections} connections, ${3:-text}"
wrk -t"$threads" -c"$connections" -d"${seconds}s" --latency -s "$here/emulator-search.lua" "$url"
