#!/usr/bin/env bash
# Digest sending at 100,000 subscribers against a same-run baseline, both to an in-process SMTP sink, one process
# per measurement so each peak memory is its own: see DigestBenchmark. Uses the data folder of bench/pages.sh.
#
#   bench/digest.sh [SUBSCRIBERS=100000] [RUNS=3] [COMPARED=SUBSCRIBERS/5]
set -euo pipefail
cd "$(dirname "$0")/.."
subscribers=${1:-100000}
runs=${2:-3}
compared=${3:-$((subscribers / 5))}
data=/var/tmp/paperdigest-bench-100000
bench() { dotnet bench/PaperDigest.Benchmarks/bin/Release/net10.0/PaperDigest.Benchmarks.dll "$@"; }

dotnet build bench/PaperDigest.Benchmarks -c Release -v quiet -nologo >/dev/null
bench fill "$data" 100000
for run in $(seq "$runs"); do
    bench digest "$data" baseline "$subscribers"
    bench digest "$data" run "$subscribers"
done
# Memory should not grow with the number of subscribers: the same run at a smaller size (a fifth, or 100,000 for the
# million-reader goal), for comparison.
bench digest "$data" run "$compared"
