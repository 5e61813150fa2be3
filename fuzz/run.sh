#!/bin/sh
# Build the libFuzzer harnesses with clang straight from src/*.c (not the
# gcc-built libpolyaudit.a) and run each for FUZZ_SECONDS (default 60).
# usage: fuzz/run.sh [--build-only] [TARGET...]
# Environment: FUZZ_DIR (build/work dir, default _build/fuzz), FUZZ_SECONDS,
# CLANG, FUZZ_CFLAGS/FUZZ_LIBS (default from pkg-config), FUZZ_VERSION.  Prints one
# "PASS: fuzz_T" or "FAIL: fuzz_T" line per target; exit status is the
# number of failed targets.  Crashes land in $FUZZ_DIR/crash-<target>-*.
top=$(cd "$(dirname "$0")/.." && pwd)
dir=${FUZZ_DIR:-$top/_build/fuzz}
secs=${FUZZ_SECONDS:-60}
cc=${CLANG:-clang}
build_only=0
[ "$1" = --build-only ] && { build_only=1; shift; }
targets=${*:-cfgfile configlist dhcp inventory listing logfile rest}
pkgs="libxml-2.0 libcurl jansson"
cflags=${FUZZ_CFLAGS:-$(pkg-config --cflags $pkgs)}
libs=${FUZZ_LIBS:-$(pkg-config --libs $pkgs)}
san="-fsanitize=address,undefined -fno-sanitize-recover=undefined"
# What configure's DEFS give the gcc build and src/version.c prints.
defs="-DPACKAGE_NAME=\"polyaudit\" -DPACKAGE_VERSION=\"${FUZZ_VERSION:-fuzz}\""
mkdir -p "$dir/obj" || exit 1

# The library sources, once, instrumented for coverage.
objs=
for src in "$top"/src/*.c; do
	b=$(basename "$src" .c)
	[ "$b" = main ] && continue
	o=$dir/obj/$b.o
	if [ ! -f "$o" ] || [ "$src" -nt "$o" ] || [ -n "$(find "$top/src" -name '*.h' -newer "$o")" ]; then
		$cc -std=c11 -g -O1 -D_GNU_SOURCE $defs -I"$top/src" $cflags \
		    -fsanitize=fuzzer-no-link $san -c "$src" -o "$o" || exit 99
	fi
	objs="$objs $o"
done
# An archive, so each harness links only the objects it needs.
rm -f "$dir/libfuzz.a" && ar cr "$dir/libfuzz.a" $objs || exit 99
for t in $targets; do
	$cc -std=c11 -g -O1 -D_GNU_SOURCE -I"$top/src" $cflags \
	    -fsanitize=fuzzer $san "$top/fuzz/fuzz_$t.c" "$dir/libfuzz.a" $libs \
	    -o "$dir/fuzz_$t" || exit 99
done
[ $build_only -eq 1 ] && exit 0

failed=0
for t in $targets; do
	corpus=$dir/corpus/$t
	mkdir -p "$corpus"
	# Work on a copy: the seeds in the tree stay small and reviewed.
	seeds="$top/fuzz/corpus/$t"
	[ -d "$top/fuzz/regress/$t" ] && seeds="$seeds $top/fuzz/regress/$t"
	ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1 \
	UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	"$dir/fuzz_$t" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 \
	    -max_len=65536 -print_final_stats=1 \
	    -artifact_prefix="$dir/crash-$t-" "$corpus" $seeds \
	    >"$dir/fuzz_$t.log" 2>&1
	rc=$?
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$dir/fuzz_$t.log")
	if [ $rc -eq 0 ]; then
		echo "PASS: fuzz_$t ($secs s, ${execs:-?} runs)"
	else
		echo "FAIL: fuzz_$t (exit $rc, see $dir/fuzz_$t.log)"
		grep -A25 -m1 'ERROR: \|runtime error\|deadly signal' "$dir/fuzz_$t.log" | head -40
		failed=$((failed + 1))
	fi
done
exit $failed
