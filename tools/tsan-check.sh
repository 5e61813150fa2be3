#!/bin/sh
# ThreadSanitizer over the runs that use a second thread: scan's read-ahead
# (src/readahead.c), through the cases of tests/readahead.sh.  CI runs it
# after the suite (CI=true tools/check.sh counts each line): a build in
# _build/tsan, then each case prints "PASS: tsan-..." or "FAIL: tsan-...";
# a data race makes polyaudit exit 66 with the report on stderr, which
# fails its case.  The exit status is 1 when any failed.
#   Usage: tools/tsan-check.sh
top=$(cd "$(dirname "$0")/.." && pwd)
b=$top/_build/tsan
mkdir -p "$b" || exit 1
if ! out=$(cd "$b" && { [ -f Makefile ] ||
    "$top/configure" CFLAGS='-O1 -g -fsanitize=thread' \
    LDFLAGS='-fsanitize=thread'; } && make -s -j"$(nproc)" polyaudit 2>&1); then
	echo "FAIL: tsan-build"
	printf '%s\n' "$out" | tail -n 40 | sed 's/^/  /'
	exit 1
fi
echo "PASS: tsan-build"
TSAN_OPTIONS="halt_on_error=1 exitcode=66" POLYAUDIT=$b/polyaudit \
    SRCDIR=$top BUILDDIR=$b sh "$top/tests/readahead.sh" >"$b/tsan.out" 2>&1
rc=$?
sed -e 's/^ok [0-9]* - /PASS: tsan-/' -e 's/^not ok [0-9]* - /FAIL: tsan-/' \
    "$b/tsan.out"
[ $rc -eq 0 ]
