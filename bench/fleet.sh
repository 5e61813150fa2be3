#!/bin/sh
# Benchmark 3: fleet audit of PHONES (1,000) simulated phones that each
# answer every request 50 ms late, --jobs 64 against --jobs 1 on the same
# phones, side by side in one run; the simulator's own throughput; the
# audit's peak RSS.  Called by bench/run.sh, or on its own:
#   bench/fleet.sh BUILDDIR [PHONES]
# The share is samples/: each phone resolves through 000000000000.cfg to
# the default audited set (16 names, one config/get), so a phone costs
# three requests (device/info, network/info, config/get), no login.
set -e
top=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "${1:-.}" && pwd)
phones=${2:-1000}
serial=${SERIAL:-100}		# phones measured with --jobs 1
jobs=${JOBS:-64}
pa=$build/polyaudit
sim=$build/tests/phonesim
work=$(mktemp -d "${TMPDIR:-/tmp}/polyaudit-fleet.XXXXXX")
simpid=
trap '[ -n "$simpid" ] && kill $simpid 2>/dev/null; rm -rf "$work"' EXIT
[ -x "$sim" ] || { echo "fleet.sh: build $sim first (make tests/phonesim)" >&2; exit 2; }

now() { date +%s.%N; }
secs() { echo "$2 - $1" | bc -l | xargs printf '%.3f'; }

# fixture N DELAY_MS: N phones, no password, every reply DELAY_MS late.
fixture() {
	awk -v n="$1" -v d="$2" 'BEGIN {
		print "{\"phones\": ["
		for (i = 0; i < n; i++)
			printf "%s{\"mac\":\"0004f2bb%04x\",\"model\":\"VVX 450\",\"faults\":{\"delay_ms\":%d}}", \
			    i ? ",\n" : "", i, d
		print "\n]}"
	}'
}
# start FIXTURE: run the simulator, wait for its ports.
start() {
	rm -f "$work/ports"
	"$sim" --ports-file "$work/ports" --max-seconds 900 "$1" >/dev/null &
	simpid=$!
	while [ ! -s "$work/ports" ]; do sleep 0.1; done
}
stop() { kill "$simpid"; wait "$simpid" 2>/dev/null || true; simpid=; }
audit() {	# audit INVENTORY JOBS
	"$pa" audit --share "$top/samples" --scheme http --format json \
	    --inventory "$1" --jobs "$2" >"$work/out" 2>"$work/err" || true
}

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "3. fleet audit: $phones simulated phones, 50 ms added to every answer"
echo "   (samples/ share, default audited set: 16 names, 3 requests per phone)"
fixture "$phones" 50 >"$work/slow.json"
start "$work/slow.json"
awk '{ print "127.0.0.1:" $2 }' "$work/ports" >"$work/inv"
head -n "$serial" "$work/inv" >"$work/inv.serial"

t0=$(now); audit "$work/inv" "$jobs"; t1=$(now)
par=$(secs "$t0" "$t1")
ok=$(grep -c '"error":null' "$work/out" || true)
sum=$(grep '^Fleet:' "$work/err" || true)
t0=$(now); audit "$work/inv.serial" 1; t1=$(now)
one=$(secs "$t0" "$t1")
okone=$(grep -c '"error":null' "$work/out" || true)
scaled=$(echo "$one * $phones / $serial" | bc -l | xargs printf '%.1f')
printf '  %-52s %8ss  (%s phones read, %s)\n' "--jobs $jobs, $phones phones" "$par" "$ok" "$sum"
printf '  %-52s %8ss  (%s phones read)\n' "--jobs 1, $serial phones" "$one" "$okone"
printf '  %-52s %8ss  (measured on %s phones, x%s)\n' "--jobs 1, $phones phones (scaled)" "$scaled" "$serial" \
    "$(echo "$phones / $serial" | bc)"
printf '  %-52s %8sx  (target >= 40x, whole fleet < 10 s)\n' "speed-up --jobs $jobs over --jobs 1" \
    "$(echo "$scaled / $par" | bc -l | xargs printf '%.1f')"
printf '  %-52s %8ss\n' "floor: 3 x 50 ms x $phones / $jobs" \
    "$(echo "0.150 * $phones / $jobs" | bc -l | xargs printf '%.2f')"
rss=$(/usr/bin/time -f %M "$pa" audit --share "$top/samples" --scheme http \
    --format json --inventory "$work/inv" --jobs "$jobs" 2>&1 >/dev/null | tail -n 1)
echo
echo "4. peak RSS of the $phones-phone audit (--jobs $jobs): $rss KiB (target <= 200 MB)"
stop

# The simulator without delay: how many requests a second it can answer,
# from 8 curl processes each fetching device/info from 125 phones 4 times.
fixture "$phones" 0 >"$work/fast.json"
start "$work/fast.json"
awk '{ for (k = 0; k < 4; k++) print "http://127.0.0.1:" $2 "/api/v1/mgmt/device/info" }' \
    "$work/ports" | sort -t: -k3 -n >"$work/urls"
nreq=$(wc -l <"$work/urls")
t0=$(now)
fails=0
xargs -P 8 -n $((nreq / 8)) sh -c 'exec curl -sf "$@" >/dev/null' sh \
    <"$work/urls" || fails=1
t1=$(now)
el=$(secs "$t0" "$t1")
echo
echo "5. simulator throughput, no delay: $nreq requests (curl, 8 processes) in ${el}s ="\
    "$(echo "$nreq / $el" | bc -l | xargs printf '%.0f') requests/s$([ $fails = 0 ] || echo ' (SOME FAILED)');"
echo "   the 50 ms audit above needed $(echo "3 * $phones / $par" | bc -l | xargs printf '%.0f') requests/s"
stop
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
