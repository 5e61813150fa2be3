#!/bin/sh
# Bounded work on hostile input (issue 12): one element with many
# attributes, a CONFIG_FILES entry of many [PHONE_MAC_ADDRESS] tokens and
# DHCP option 120 with many labels, each at four sizes (three doublings)
# in this one run.  Prints the median seconds of RUNS runs per size, less
# the median of the same command on a one-item input (start-up, not
# work), and the ratio per doubling: near-linear work keeps it near 2 (at
# most 2.2).  The largest inputs stay under the 16 MiB file limit and the
# 2 MiB of arguments.  POLYAUDIT overrides the binary (use the build
# without sanitizers).
#   bench/hostile.sh BUILDDIR
set -e
build=$(cd "${1:-.}" && pwd)
runs=${RUNS:-5}
pa=${POLYAUDIT:-$build/polyaudit}
work=$(mktemp -d "${TMPDIR:-/tmp}/polyaudit-hostile.XXXXXX")
trap 'rm -rf "$work"' EXIT

now() { date +%s.%N; }
median() { sort -n | awk '{ v[NR] = $1 } END { printf "%.3f", v[int((NR + 1) / 2)] }'; }

# attrs N: a share whose one listed file has an element of N attributes.
attrs() {
	mkdir -p "$work/a$1"
	awk -v n="$1" 'BEGIN { printf "<x"; for (i = 0; i < n; i++)
	    printf " a%x=\"1\"", i; print "/>" }' >"$work/a$1/big.cfg"
	echo '<APPLICATION CONFIG_FILES="big.cfg"/>' >"$work/a$1/000000000000.cfg"
	echo files --share "$work/a$1" --mac 0004f2000001
}
# macros N: a master whose CONFIG_FILES holds N [PHONE_MAC_ADDRESS].
macros() {
	mkdir -p "$work/m$1"
	awk -v n="$1" 'BEGIN { printf "<APPLICATION CONFIG_FILES=\""
	    for (i = 0; i < n; i++) printf "[PHONE_MAC_ADDRESS]"
	    print "\"/>" }' >"$work/m$1/000000000000.cfg"
	echo files --share "$work/m$1" --mac 0004f2000001
}
# labels N: option 120 with one name of N one-byte labels, as hex
# arguments of 100,000 characters (an argument is limited to 128 KiB).
labels() {
	awk -v n="$1" 'BEGIN { printf "00"; for (i = 0; i < n; i++)
	    printf "0161"; print "00" }' | fold -w 100000 >"$work/l$1"
	echo dhcp decode --option 120 $(cat "$work/l$1")
}

# timed CMD...: the median wall seconds of RUNS runs of polyaudit CMD.
timed() {
	: >"$work/t"
	i=0
	while [ $i -lt "$runs" ]; do
		t0=$(now)
		"$pa" "$@" >/dev/null 2>&1 || true
		t1=$(now)
		echo "$t1 - $t0" | bc -l >>"$work/t"
		i=$((i + 1))
	done
	median <"$work/t"
}

for input in attrs:160000 macros:80000 labels:30000; do
	kind=${input%%:*} n=${input#*:} prev=
	# shellcheck disable=SC2046
	base=$(timed $($kind 1))
	printf '%-7s start-up %.3f s\n' "$kind" "$base"
	for step in 1 2 3 4; do
		# shellcheck disable=SC2046
		t=$(timed $($kind "$n"))
		t=$(echo "$t - $base" | bc -l | xargs printf '%.3f')
		if [ -n "$prev" ]; then
			ratio=$(echo "$t / $prev" | bc -l | xargs printf '%.2f')
			printf '%-7s %8d  %7.3f s  x%s per doubling\n' "$kind" "$n" "$t" "$ratio"
		else
			printf '%-7s %8d  %7.3f s\n' "$kind" "$n" "$t"
		fi
		prev=$t
		n=$((n * 2))
	done
done
