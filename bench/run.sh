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

. "$top/bench/lib.sh"

echo "machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), $(uname -sr); $runs runs each, medians"
echo "generating a $phones-phone share (20 shared files x 3,000 parameters)..."
sh "$top/bench/genshare.sh" "$work/big" "$phones" 20 3000
find "$work/big" -name '*.cfg' >"$work/files"
echo "  $(wc -l <"$work/files") files, $(du -sh "$work/big" | cut -f1)"

echo
echo "1. scan of the whole share vs parsing each distinct file once (xmllint --noout)"
echo "   (target: at most 1.0x, best of $runs)"
versus "polyaudit scan ($phones phones, text)" "xmllint --noout (same files)" \
    "$pa scan --share $work/big" \
    "xargs xmllint --noout <$work/files"
echo "   the same with JSON Lines:"
versus "polyaudit scan ($phones phones, json)" "xmllint --noout (same files)" \
    "$pa scan --share $work/big --format json" \
    "xargs xmllint --noout <$work/files"
huge=${PHONES_BIG:-100000}
if [ "$huge" -gt 0 ]; then
	echo
	echo "1b. the same at $huge phones, and peak RSS (target: at most 100 MB)"
	sh "$top/bench/genshare.sh" "$work/huge" "$huge" 20 3000
	find "$work/huge" -name '*.cfg' >"$work/hfiles"
	echo "  $(wc -l <"$work/hfiles") files"
	versus "polyaudit scan ($huge phones, text)" "xmllint --noout (same files)" \
	    "$pa scan --share $work/huge" \
	    "xargs xmllint --noout <$work/hfiles"
	versus "polyaudit scan ($huge phones, json)" "xmllint --noout (same files)" \
	    "$pa scan --share $work/huge --format json" \
	    "xargs xmllint --noout <$work/hfiles"
	echo "  peak RSS: scan text $(peak_rss "$pa" scan --share "$work/huge") KiB," \
	    "json $(peak_rss "$pa" scan --share "$work/huge" --format json) KiB," \
	    "xmllint (largest of its processes) $(peak_rss sh -c "xargs xmllint --noout <$work/hfiles") KiB"
fi

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
echo
echo "8. growth: scan (JSON Lines) by share size, best of $runs runs"
sh "$top/bench/genshare.sh" "$work/g1k" 1000 20 3000
printf '  %10s %10s %10s %12s %12s\n' phones files seconds "us/phone" "RSS KiB"
for g in "1000 $work/g1k" "$phones $work/big" "$huge $work/huge"; do
	set -- $g
	[ -d "$2" ] || continue
	: >"$work/g"
	i=0
	while [ $i -lt "$runs" ]; do
		time_cmd "$work/g" "$pa" scan --share "$2" --format json
		i=$((i + 1))
	done
	t=$(best "$work/g")
	r=$(peak_rss "$pa" scan --share "$2" --format json)
	printf '  %10s %10s %10s %12.1f %12s\n' "$1" \
	    "$(find "$2" -name '*.cfg' | wc -l)" "$t" \
	    "$(echo "$t * 1000000 / $1" | bc -l)" "$r"
	echo "$1 $t $r" >>"$work/curve"
done
awk 'NR > 1 { n0 = n; t0 = t; r0 = r } { n = $1; t = $2; r = $3 }
    END { if (NR < 2) exit
	printf "  predicted for 1,000,000 phones (linear from the two largest): %.0f s, %.0f MiB\n",
	    t + (t - t0) / (n - n0) * (1000000 - n), (r + (r - r0) / (n - n0) * (1000000 - n)) / 1024 }' \
    "$work/curve"
if [ -x "$top/bench/fleet.sh" ]; then
	echo
	sh "$top/bench/fleet.sh" "$build"
fi
if [ -x "$top/bench/remote.sh" ]; then
	echo
	sh "$top/bench/remote.sh" "$build" "$phones" || true
fi
