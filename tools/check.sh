#!/bin/sh
# The whole test suite, as CI runs it: install what is missing, build with
# AddressSanitizer and UndefinedBehaviorSanitizer, run "make check", and
# end with a line "N passed, N failed".
top=$(cd "$(dirname "$0")/.." && pwd)
"$top/tools/setup.sh" check --enable-sanitizers || {
	echo "0 passed, 1 failed"
	exit 1
}
cd "$top/_build/check" || exit 1
# Tests send traffic to 127.0.0.0/8 only, DNS included: the names their
# phones and shares report (prov.example.com) are looked up through a
# resolver on 127.0.0.1, where nothing answers, in a mount namespace of
# their own, not through the machine's resolver.
local_dns() {
	printf 'nameserver 127.0.0.1\noptions timeout:1 attempts:1\n' >resolv.conf
	if unshare -m true 2>/dev/null; then
		unshare -m sh -c 'mount --bind "$0" /etc/resolv.conf && exec "$@"' \
		    "$PWD/resolv.conf" "$@"
	else
		echo "check: no mount namespace: tests use the machine's resolver" >&2
		"$@"
	fi
}
# Leaks are errors too; halt on the first sanitizer report.
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
# Two tests a core: most of a test's time is a server's or a time-out's,
# not the CPU's (quiet 2-core machine: -j2 57 s, -j4 40 s, same CPU).
local_dns make -s check -j"$(($(nproc) * 2))" >make-check.out 2>&1
rc=$?
grep -E '^(not ok|# (PASS|FAIL|ERROR|XPASS|SKIP):)' make-check.out
if [ $rc -ne 0 ]; then
	for log in $(grep -l '^not ok\|^ERROR' $(find . -name '*.log' ! -name test-suite.log) 2>/dev/null); do
		echo "--- $log"; grep -B2 -A12 '^not ok\|^ERROR\|Sanitizer' "$log" | head -60
	done
	tail -20 make-check.out
fi
# The counts are the summary's: a failed test's log, copied below it, may
# hold TAP comments such as "# ERROR: GET ...".
pass=$(sed -n 's/^# PASS: *\([0-9]*\)$/\1/p' test-suite.log 2>/dev/null | head -n 1)
pass=${pass:-0}
fail=0
for k in FAIL ERROR XPASS; do
	n=$(sed -n "s/^# $k: *\([0-9]*\)\$/\1/p" test-suite.log 2>/dev/null | head -n 1)
	fail=$((fail + ${n:-0}))
done
[ $rc -ne 0 ] && [ "$fail" -eq 0 ] && fail=1
# counted PREFIX FILE RC: add FILE's "PASS: PREFIX..." and "FAIL: PREFIX..."
# lines to the counts, with the rest of FILE when RC says it failed.
counted() {
	grep -E "^(PASS|FAIL): $1" "$2"
	[ "$3" -ne 0 ] && grep -vE "^(PASS|FAIL): $1" "$2" | tail -40
	cp=$(grep -c "^PASS: $1" "$2"); cf=$(grep -c "^FAIL: $1" "$2")
	[ "$3" -ne 0 ] && [ "$cf" -eq 0 ] && cf=1
	pass=$((pass + cp)); fail=$((fail + cf))
	[ "$3" -ne 0 ] && rc=1
}
if [ "${CI:-}" = true ]; then
	# Each libFuzzer harness runs FUZZ_SECONDS (60): one case each.
	make -s fuzz FUZZ_SECONDS="${FUZZ_SECONDS:-60}" >fuzz.out 2>&1
	counted fuzz_ fuzz.out $?
	# make distcheck, the Debian package and lintian, its install test.
	local_dns sh "$top/tools/release-check.sh" "$top/_build/check" >release.out 2>&1
	counted release- release.out $?
	# ThreadSanitizer over scan's read-ahead thread (tools/tsan-check.sh).
	sh "$top/tools/tsan-check.sh" >tsan.out 2>&1
	counted tsan- tsan.out $?
fi
# The slowest tests, from the time each t_done gives: the suite stays fast
# only while someone looks.
slow=$(grep -H '^# took [0-9]* ms$' $(find tests -name '*.log') 2>/dev/null |
    sed 's|^tests/\(.*\)\.log:# took \([0-9]*\) ms$|\2 \1|' | sort -rn |
    head -n 5 | awk '{ printf "%s%s %.1f s", (NR > 1 ? ", " : ""), $2, $1 / 1000 }')
[ -n "$slow" ] && echo "slowest: $slow"
echo "$pass passed, $fail failed"
[ $rc -eq 0 ] && [ "$fail" -eq 0 ]
