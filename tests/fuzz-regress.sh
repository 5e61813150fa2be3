#!/bin/sh
# Every fuzz seed and every input that once crashed a harness
# (fuzz/corpus/T, fuzz/regress/T) replayed through the harness code built
# like the tool, with the sanitizers of the check build.
. "$SRCDIR/tests/lib.sh"
for t in cfgfile configlist dhcp inventory listing logfile rest; do
	for f in "$SRCDIR"/fuzz/corpus/$t/* "$SRCDIR"/fuzz/regress/$t/*; do
		[ -f "$f" ] || continue
		name=${f#"$SRCDIR"/}
		if timeout 30 "$BUILDDIR/fuzz/replay_$t" "$f" >"$T_TMP/out" 2>&1 &&
		    grep -q '^ok 1 ' "$T_TMP/out"; then
			t_ok "$t: $name"
		else
			t_fail "$t: $name" "$(tail -n 30 "$T_TMP/out")"
		fi
	done
done
t_done
