#!/usr/bin/env bash
# Page benchmark with wrk: the app on a data folder of COUNT generated papers, each kind of page at 32 connections,
# against a static file served by the same app in the same run. Two modes: "hit" repeats the pages, so the output
# cache answers as it does for real readers; "miss" adds a unique query parameter to every request, so every page is
# rendered from the database. Prints medians of RUNS runs of DURATION each, the ratio to the static file, and p99.
#
#   bench/pages.sh [COUNT=100000] [RUNS=3] [DURATION=10s] [MODES="hit miss"]   (needs wrk and the postgresql package)
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-100000}
runs=${2:-3}
duration=${3:-10s}
modes=${4:-hit miss}
port=5088
work=/var/tmp/paperdigest-bench-pages
source bench/lib/app.sh

prepare_data_and_paths
start_app

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
# One wrk run: prints "requests/s p99-in-ms non-2xx-count".
measure() {
    local out
    out=$(wrk -t2 -c32 -d"$duration" --latency -s bench/wrk/paths.lua "http://127.0.0.1:$port" -- "$work/$1" "$2")
    echo "$out" > "$work/wrk-$1-$2.txt"
    local rate p99 errors
    rate=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
    p99=$(echo "$out" | awk '$1 == "99%" {v=$2; if (v ~ /us$/) {sub(/us/,"",v); v/=1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v*=1000}; print v}')
    errors=$(echo "$out" | awk '/Non-2xx/ {print $5}')
    echo "$rate $p99 ${errors:-0}"
}

printf '%-7s %-5s %12s %9s %9s %8s\n' page mode "requests/s" "vs static" "p99 ms" non-2xx
for mode in $modes; do
    # Warm up: "hit" requests every path once so it measures the cache; "miss" runs each kind for 15 s, past the vector
    # index's loading after a start (13 s at 100,000 papers) and the runtime's compiling of the hot paths.
    if [ "$mode" = hit ]; then
        cat "$work"/static "$work"/home "$work"/day "$work"/week "$work"/month "$work"/paper "$work"/search | while read -r path; do curl -s -o /dev/null "http://127.0.0.1:$port$path"; done
    else
        for kind in static home day week month paper search; do wrk -t2 -c32 -d15s -s bench/wrk/paths.lua "http://127.0.0.1:$port" -- "$work/$kind" "$mode" >/dev/null; done
    fi
    declare -A rates=() p99s=() errors=()
    for run in $(seq 1 "$runs"); do
        for kind in static home day week month paper search; do
            read -r rate p99 err < <(measure "$kind" "$mode")
            rates[$kind]+="$rate "; p99s[$kind]+="$p99 "; errors[$kind]=$(( ${errors[$kind]:-0} + err ))
        done
    done
    static_rate=$(echo "${rates[static]}" | tr ' ' '\n' | grep . | median)
    for kind in static home day week month paper search; do
        rate=$(echo "${rates[$kind]}" | tr ' ' '\n' | grep . | median)
        p99=$(echo "${p99s[$kind]}" | tr ' ' '\n' | grep . | median)
        printf '%-7s %-5s %12.0f %8.0f%% %9.1f %8s\n' "$kind" "$mode" "$rate" "$(echo "100 * $rate / $static_rate" | bc -l)" "$p99" "${errors[$kind]}"
    done
done
echo "papers: $count; wrk -t2 -c32 -d$duration; medians of $runs runs; app and wrk share this machine's $(nproc) cores"
