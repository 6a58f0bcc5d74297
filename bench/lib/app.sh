# Shared by the wrk benchmarks: the generated data folder, the request paths, and the app started on it.
# Source it from the repository root after setting count, port and work.

data=/var/tmp/paperdigest-bench-$count      # world-traversable, so the postgres user can reach it as root

prepare_data_and_paths() {
    command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
    dotnet build src/PaperDigest.Web -c Release -v quiet -nologo >/dev/null
    dotnet build bench/PaperDigest.Benchmarks -c Release -v quiet -nologo >/dev/null
    dotnet bench/PaperDigest.Benchmarks/bin/Release/net10.0/PaperDigest.Benchmarks.dll fill "$data" "$count"

    rm -rf "$work"; mkdir -p "$work"
    # Paths: generated papers are listed 1,000 a day from 1 January 2026, with ids 2601.00001 onwards (99,999 a
    # month-prefix); the day, week and month asked for are the middle of what COUNT papers cover.
    local middle
    middle=$(date -u -d "2026-01-01 + $(( count / 2000 )) days" +%F)
    echo /app.css > "$work/static"
    echo / > "$work/home"
    echo "/papers/date/$middle" > "$work/day"
    echo "/papers/week/$(date -u -d "$middle" +%G-W%V)" > "$work/week"
    echo "/papers/month/$(date -u -d "$middle" +%Y-%m)" > "$work/month"
    local step=$(( count / 200 > 0 ? count / 200 : 1 ))
    for i in $(seq 1 "$step" "$count"); do printf '/papers/%04d.%05d\n' $(( 2601 + (i - 1) / 99999 )) $(( (i - 1) % 99999 + 1 )); done > "$work/paper"
    python3 - "$work/search" <<'PY'
import json, sys, urllib.parse
papers = [e["paper"] for e in json.load(open("tests/Fixtures/huggingface/api/2026-08-21.json"))]
queries = [p["title"] for p in papers][:25] + list(dict.fromkeys(k for p in papers for k in p.get("ai_keywords", [])))[:25]
open(sys.argv[1], "w").write("".join("/search?q=" + urllib.parse.quote_plus(q) + "\n" for q in queries))
PY
}

app_dir=$PWD/src/PaperDigest.Web/bin/Release/net10.0

# Starts the app in Production on the data folder, with scheduled jobs off and the per-client search limit lifted (every
# wrk connection is the same client; the limit is for people, the benchmarks measure the app).
start_app() {
    (cd "$app_dir" && exec env ASPNETCORE_ENVIRONMENT=Production Database__DataDirectory="$data" Logging__FilePath="$work/logs/app-.clef" \
        Scheduling__IngestListingsCron="0 0 0 1 1 ? 2099" RateLimits__SearchesPerClientPerMinute=1000000 dotnet PaperDigest.Web.dll --urls "http://127.0.0.1:$port") >"$work/app.log" 2>&1 &
    app=$!
    # shellcheck disable=SC2064
    trap 'kill -TERM $app; wait $app || true' EXIT
    until curl -fs -o /dev/null "http://127.0.0.1:$port/"; do sleep 0.2; done
}
