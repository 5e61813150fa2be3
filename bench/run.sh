#!/bin/sh
# polyaudit benchmarks ("make bench"; not part of the test suite).  Every
# comparison is measured side by side in this one run: each command runs
# RUNS times, alternating, and the medians and their ratio are printed.
#   bench/run.sh BUILDDIR [PHONES]
set -e
top=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "${1:-.}" && pwd)
phones=${2:-10000}
runs=${RUNS:-5}
pa=$build/polyaudit
work=$(mktemp -d "${TMPDIR:-/tmp}/polyaudit-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT

now() { date +%s.%N; }
# time_cmd FILE CMD...: append the wall seconds of one run of CMD to FILE.
time_cmd() {
	f=$1; shift
	t0=$(now); "$@" >/dev/null 2>&1 || true; t1=$(now)
	echo "$t1 - $t0" | bc -l >>"$f"
}
median() { sort -n "$1" | awk '{ v[NR] = $1 } END { printf "%.3f", v[int((NR + 1) / 2)] }'; }
# ratio A B: A / B with as many decimals as a ratio of its size needs.
ratio() {
	awk -v a="$1" -v b="$2" 'BEGIN { r = a / b
		f = r < 10 ? "%.2f" : r < 100 ? "%.1f" : "%.0f"; printf f, r }'
}
# pair NAME_A NAME_B "CMD_A" "CMD_B": alternate A and B, print medians and
# the larger over the smaller, so neither direction rounds to 0.00.
pair() {
	: >"$work/a"; : >"$work/b"
	i=0
	while [ $i -lt "$runs" ]; do
		time_cmd "$work/a" sh -c "$3"
		time_cmd "$work/b" sh -c "$4"
		i=$((i + 1))
	done
	ma=$(median "$work/a"); mb=$(median "$work/b")
	printf '  %-44s %8ss\n  %-44s %8ss\n' "$1" "$ma" "$2" "$mb"
	if [ "$(echo "$ma >= $mb" | bc -l)" -eq 1 ]; then
		printf '  %s / %s = %sx\n' "$1" "$2" "$(ratio "$ma" "$mb")"
	else
		printf '  %s / %s = %sx\n' "$2" "$1" "$(ratio "$mb" "$ma")"
	fi
}
# one NAME "CMD": the median of RUNS runs of CMD alone.
one() {
	: >"$work/a"
	i=0
	while [ $i -lt "$runs" ]; do
		time_cmd "$work/a" sh -c "$2"
		i=$((i + 1))
	done
	printf '  %-60s %8ss\n' "$1" "$(median "$work/a")"
}
peak_rss() { /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -n 1; }

echo "machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), $(uname -sr); $runs runs each, medians"
echo "generating a $phones-phone share (20 shared files x 3,000 parameters)..."
sh "$top/bench/genshare.sh" "$work/big" "$phones" 20 3000
find "$work/big" -name '*.cfg' >"$work/files"
echo "  $(wc -l <"$work/files") files, $(du -sh "$work/big" | cut -f1)"

echo
echo "1. scan of the whole share vs parsing each distinct file once (xmllint --noout)"
pair "polyaudit scan ($phones phones, text)" "xmllint --noout (same files)" \
    "$pa scan --share $work/big" \
    "xargs xmllint --noout <$work/files"
echo "   the same with JSON Lines (built and written by jansson):"
pair "polyaudit scan ($phones phones, json)" "xmllint --noout (same files)" \
    "$pa scan --share $work/big --format json" \
    "xargs xmllint --noout <$work/files"

echo
echo "2. scan vs resolving each phone on its own (show per phone), 200 phones"
sh "$top/bench/genshare.sh" "$work/small" 200 20 3000
ls "$work/small" | sed -n 's/^\(0004f2[0-9a-f]\{6\}\)\.cfg$/\1/p' >"$work/macs"
pair "polyaudit scan (200 phones)" "200 x polyaudit show" \
    "$pa scan --share $work/small --format json" \
    "while read m; do $pa show --share $work/small --mac \$m --format json; done <$work/macs"

echo
echo "5. diff of two $phones-phone shares vs one scan (target: at most 2.5x)"
echo "   the new share turns PIN sign-in off in shared01.cfg: 90% of the phones change"
cp -r "$work/big" "$work/big2"
sed -i 's/reg.1.auth.usePinCredentials="1"/reg.1.auth.usePinCredentials="0"/' "$work/big2/shared01.cfg"
pair "polyaudit diff (old and new share)" "polyaudit scan (the old share)" \
    "$pa diff $work/big $work/big2" \
    "$pa scan --share $work/big"

echo
echo "6. history: recording, and a generated year of nightly audits"
pair "polyaudit scan --record (a new database each run)" "polyaudit scan" \
    "rm -f $work/r.db*; $pa scan --share $work/big --record $work/r.db" \
    "$pa scan --share $work/big"
if [ -x "$build/bench/genyear" ]; then
	echo "   a year: $phones phones, 365 nights, 1 % of the phones changing a night"
	"$build/bench/genyear" "$work/year.db" "$phones" 365 10 | sed 's/^/  /'
	sqlite3 "$work/year.db" 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null
	kib=$(du -k "$work/year.db" | cut -f1)
	echo "  database after the year: $kib KiB, $(sqlite3 "$work/year.db" 'SELECT COUNT(*) FROM state') rows (target: under 50 MB = 51,200 KiB: $(ratio "$kib" 51200) of it)"
	h="$pa history --db $work/year.db"
	one "history --mac (one phone, the whole year)" "$h --mac 0004f2000123"
	one "history --param reg.1.label --since (the last 30 days)" "$h --param reg.1.label --since 2026-12-01"
	one "history --since --until (one week, every phone)" "$h --since 2026-06-01 --until 2026-06-07"
	one "history --first-drift (every phone)" "$h --first-drift"
	one "history --mac --param (one phone, one name)" "$h --mac 0004f2000123 --param reg.1.label"
	echo "  (target: each under 1 s)"
else
	echo "   (make bench/genyear for the generated year)"
fi

echo
echo "4. peak memory"
echo "  scan of $phones phones: $(peak_rss "$pa" scan --share "$work/big" --format json) KiB"
if [ -x "$top/bench/fleet.sh" ]; then
	echo
	sh "$top/bench/fleet.sh" "$build"
fi
