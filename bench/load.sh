#!/usr/bin/env bash
# Load test: the public pages and search at 64 connections for DURATION on COUNT papers, while saved Hugging Face days
# are imported over and over (ingestion writing to the same database). One request in MISS_EVERY bypasses the page
# cache (rendered from PostgreSQL), the rest are answered as repeat readers are. Passes when no response is a 5xx;
# prints requests/s, p50 and p99 latency (requests time out only after 10 s, so slow ones count) beside a same-run
# baseline (the static file at the same concurrency, measured first), and the app's peak memory (VmHWM).
#
#   bench/load.sh [COUNT=100000] [DURATION=60s] [MISS_EVERY=10]   (needs wrk and the postgresql package)
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-100000}
duration=${2:-60s}
miss_every=${3:-10}
port=5089
work=/var/tmp/paperdigest-bench-load
source bench/lib/app.sh

prepare_data_and_paths
start_app
cat "$work"/home "$work"/week "$work"/paper "$work"/search > "$work/mix"

# Same-run baseline, before the importer starts: the static file at the same concurrency.
baseline=$(wrk -t2 -c64 -d10s --timeout 10s --latency -s bench/wrk/paths.lua "http://127.0.0.1:$port" -- "$work/static" hit)
echo "$baseline" > "$work/wrk-baseline.txt"

# Ingestion alongside: the 63 saved API days, imported again and again (the first pass writes new papers, later
# ones re-read and compare every paper) through the app's own import verb, against the running database.
days=$(mktemp -d)
tar -xzf tests/Fixtures/huggingface/api-all-days.tar.gz -C "$days"
(
    cd "$app_dir"
    while true; do
        env Database__DataDirectory="$data" Logging__FilePath="$work/logs/import-.clef" dotnet PaperDigest.Web.dll import "$days" >>"$work/import.log" 2>&1 || true
    done
) &
importer=$!
trap 'kill $importer 2>/dev/null || true; kill -TERM $app; wait $app || true; rm -rf "$days"' EXIT

out=$(wrk -t2 -c64 -d"$duration" --timeout 10s --latency -s bench/wrk/load.lua "http://127.0.0.1:$port" -- "$work/mix" "$miss_every")
echo "$out" > "$work/wrk.txt"
peak_kb=$(awk '/VmHWM/ {print $2}' "/proc/$(pgrep -f "PaperDigest.Web.dll --urls http://127.0.0.1:$port" | head -1)/status")
ingested=$(grep -c 'Ingestion run .* Succeeded' "$work/import.log" || true)
errors=$(echo "$out" | awk '/server_errors/ {print $2}')
echo "baseline (static file, before ingestion starts):"
echo "$baseline" | grep -E "Requests/sec|^ +50%|^ +99%" || true
echo "load (page and search mix, ingestion running):"
echo "$out" | grep -E "Requests/sec|Non-2xx|Socket errors|^ +50%|^ +99%" || true
echo "server errors (5xx): $errors; app peak memory: $((peak_kb / 1024)) MB; saved days ingested meanwhile: $ingested"
[ "$errors" = 0 ] || { echo "FAIL: the app answered $errors requests with a 5xx (see $work/app.log)" >&2; exit 1; }
echo "PASS: no 5xx in $duration at 64 connections with ingestion running"
