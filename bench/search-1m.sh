#!/usr/bin/env bash
# Search latency at a million papers: the 100,000 generated papers of bench/pages.sh, each cloned nine times under
# new ids and listing days (clones share their original's words, so a word matches ten times as many papers), then
# 50 real queries through PaperSearch; see SearchLatencyBenchmark. Cloning in SQL takes minutes where ingesting a
# million papers one page at a time takes over an hour; the search vectors are computed by PostgreSQL either way.
#
#   bench/search-1m.sh [RUNS=5]        (needs the postgresql package, including psql)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
source_data=/var/tmp/paperdigest-bench-100000
data=/var/tmp/paperdigest-bench-1000000
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
bench() { dotnet bench/PaperDigest.Benchmarks/bin/Release/net10.0/PaperDigest.Benchmarks.dll "$@"; }
as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

dotnet build bench/PaperDigest.Benchmarks -c Release -v quiet -nologo >/dev/null
bench fill "$source_data" 100000     # also applies any new migrations to it

if [ ! -f "$data/cloned" ]; then
    rm -rf "$data"
    cp -a "$source_data" "$data"
    as_postgres "$bin/pg_ctl" start -D "$data" -w -l "$data/clone.log" -o "-p 55433 -c listen_addresses=127.0.0.1 -c unix_socket_directories=''" >/dev/null
    export PGPASSWORD; PGPASSWORD=$(cat "$data/paperdigest.password")
    sql() { psql -h 127.0.0.1 -p 55433 -U postgres -d paperdigest -v ON_ERROR_STOP=1 -q "$@"; }
    # Indexes are rebuilt once at the end rather than updated 900,000 times.
    indexes=$(sql -At -c "SELECT indexdef FROM pg_indexes WHERE tablename IN ('papers','listings') AND indexname NOT LIKE 'pk_%' AND indexname NOT LIKE '%source_day%'")
    sql -c "SELECT 'DROP INDEX ' || string_agg(quote_ident(indexname), ', ') FROM pg_indexes WHERE tablename IN ('papers','listings') AND indexname NOT LIKE 'pk_%' AND indexname NOT LIKE '%source_day%'" -At | sql
    clone() {   # clone K: ids move K years on (2601.00001 -> 2701.00001), listing days 100*K days on
        sql -c "
            INSERT INTO papers (arxiv_id, title, abstract, authors, categories, upvotes, comments, first_seen_at, updated_at, ai_keywords)
            SELECT (substr(arxiv_id, 1, 2)::int + $1)::text || substr(arxiv_id, 3), title, abstract, authors, categories, upvotes, comments, first_seen_at, updated_at, ai_keywords
            FROM papers WHERE arxiv_id < '27';
            INSERT INTO listings (arxiv_id, source, day, rank, kind)
            SELECT (substr(arxiv_id, 1, 2)::int + $1)::text || substr(arxiv_id, 3), source, day + 100 * $1, rank, kind
            FROM listings WHERE arxiv_id < '27';"
    }
    (for k in 1 2 3 4; do clone $k; done) & (for k in 5 6 7 8 9; do clone $k; done) & wait
    echo "$indexes" | while read -r index; do [ -n "$index" ] && sql -c "SET maintenance_work_mem = '1GB'; $index"; done
    sql -c "VACUUM ANALYZE papers" -c "VACUUM ANALYZE listings"
    sql -At -c "SELECT count(*) || ' papers' FROM papers"
    as_postgres "$bin/pg_ctl" stop -D "$data" -m fast -w >/dev/null
    touch "$data/cloned"
fi

bench search "$data" "$runs"
