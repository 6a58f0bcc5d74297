#!/usr/bin/env bash
# Start-up benchmark: seconds from launching the app until "/" answers 200, with a new data folder (cold: initdb,
# migrations, sample import) and with an existing one (warm). The same-run baseline is PostgreSQL alone through the
# same route: initdb + pg_ctl start for cold, pg_ctl start for warm. Prints medians of RUNS runs and their ratios.
#
#   bench/startup.sh [RUNS]        (default 5; needs the postgresql package; run from anywhere)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
port=5087
work=/var/tmp/paperdigest-bench   # world-traversable, so the postgres user can reach it when this runs as root
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)

dotnet build src/PaperDigest.Web -c Release -v quiet -nologo >/dev/null
app_dir=$PWD/src/PaperDigest.Web/bin/Release/net10.0

as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
now() { date +%s.%N; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

# One app start: launch, poll "/" every 20 ms, then stop the app (which stops its PostgreSQL) and wait for it.
time_app() {
    local data=$1 start pid
    start=$(now)
    (cd "$app_dir" && exec env ASPNETCORE_ENVIRONMENT=Development Database__DataDirectory="$data" Logging__FilePath="$work/logs/app-.clef" \
        dotnet PaperDigest.Web.dll --urls "http://127.0.0.1:$port") >"$work/app.log" 2>&1 &
    pid=$!
    until curl -fs -o /dev/null "http://127.0.0.1:$port/"; do sleep 0.02; done
    echo "$(now) - $start" | bc
    kill -TERM "$pid"; wait "$pid" || true
}

time_postgres() {
    local data=$1 fresh=$2 start
    start=$(now)
    if [ "$fresh" = yes ]; then
        mkdir -p "$data"; [ "$(id -u)" = 0 ] && chown postgres: "$data"
        as_postgres "$bin/initdb" -D "$data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
    fi
    as_postgres "$bin/pg_ctl" start -D "$data" -w -l "$data/server.log" -o "-p 55999 -c listen_addresses=127.0.0.1 -c unix_socket_directories=''" >/dev/null
    echo "$(now) - $start" | bc
    as_postgres "$bin/pg_ctl" stop -D "$data" -m fast -w >/dev/null
}

rm -rf "$work"; mkdir -p "$work"; chmod 755 "$work"
declare -a app_cold app_warm pg_cold pg_warm
for i in $(seq 1 "$runs"); do
    pg_cold+=("$(time_postgres "$work/pg-$i" yes)")
    pg_warm+=("$(time_postgres "$work/pg-$i" no)")
    app_cold+=("$(time_app "$work/app-$i")")
    app_warm+=("$(time_app "$work/app-$i")")
done

report() {
    local name=$1 app_median base_median
    app_median=$(printf '%s\n' "${@:2:$runs}" | median)
    base_median=$(printf '%s\n' "${@:$((runs + 2))}" | median)
    printf '%-5s app %.2f s   postgres alone %.2f s   ratio %.1fx   (app runs: %s)\n' \
        "$name" "$app_median" "$base_median" "$(echo "$app_median / $base_median" | bc -l)" "$(printf '%.2f ' "${@:2:$runs}")"
}
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(. /etc/os-release; echo "$PRETTY_NAME"), .NET $(dotnet --version), $("$bin/postgres" --version)"
report cold "${app_cold[@]}" "${pg_cold[@]}"
report warm "${app_warm[@]}" "${pg_warm[@]}"
rm -rf "$work"
