# Shared by the benchmarks: timing side by side.  The caller sets $work
# (a scratch directory) and $runs (how often each command runs).

for t in bc /usr/bin/time; do
	command -v $t >/dev/null || { echo "bench: needs $t (apt-get install ${t##*/})" >&2; exit 2; }
done
now() { date +%s.%N; }
# time_cmd FILE CMD...: append the wall seconds of one run of CMD to FILE,
# and its CPU seconds (user + system, 10 ms grain) to FILE.cpu: a program
# that uses two cores can take less wall than CPU, and both are told.
time_cmd() {
	f=$1; shift
	t0=$(now)
	/usr/bin/time -f '%U %S' -a -o "$f.cpu" "$@" >/dev/null 2>&1 || true
	t1=$(now)
	echo "$t1 - $t0" | bc -l >>"$f"
}
# cpu_median FILE: the median of the CPU seconds time_cmd noted.
cpu_median() {
	awk '/^[0-9.]+ [0-9.]+$/ { print $1 + $2 }' "$1.cpu" >"$1.cpus"
	median "$1.cpus"
}
median() { sort -n "$1" | awk '{ v[NR] = $1 } END { printf "%.3f", v[int((NR + 1) / 2)] }'; }
# ratio A B: A / B with as many decimals as a ratio of its size needs.
ratio() {
	awk -v a="$1" -v b="$2" 'BEGIN { r = a / b
		f = r < 10 ? "%.2f" : r < 100 ? "%.1f" : "%.0f"; printf f, r }'
}
# alternate "CMD_A" ["CMD_B"]: $runs runs of each, interleaved so that
# both see the same load, timed into $work/a and $work/b.  $settle, when
# set, is a command run before each timed run, untimed.
alternate() {
	: >"$work/a"; : >"$work/b"; : >"$work/a.cpu"; : >"$work/b.cpu"
	i=0
	while [ $i -lt "$runs" ]; do
		${settle:-:}
		time_cmd "$work/a" sh -c "$1"
		if [ $# -gt 1 ]; then ${settle:-:}; time_cmd "$work/b" sh -c "$2"; fi
		i=$((i + 1))
	done
}
# ports_settle: wait (at most 2 minutes) until fewer than 3,000 TCP
# sockets are in TIME_WAIT.  A remote run of 10,000 phones leaves one
# per file (23,000, HTTP/1.0 or FTP data connections) for a minute, and
# back to back runs would use up the 28,000 ephemeral ports of this
# machine, for every other program on it too.
ports_settle() {
	_w=0
	while [ "$(ss -tan state time-wait | wc -l)" -gt 3000 ] && [ $_w -lt 120 ]; do
		sleep 1; _w=$((_w + 1))
	done
}
# pair NAME_A NAME_B "CMD_A" "CMD_B": alternate A and B, print medians and
# the larger over the smaller, so neither direction rounds to 0.00.
pair() {
	alternate "$3" "$4"
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
	alternate "$2"
	printf '  %-60s %8ss\n' "$1" "$(median "$work/a")"
}
peak_rss() { /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -n 1; }
best() { sort -n "$1" | awk 'NR == 1 { printf "%.3f", $1 }'; }
# versus NAME_A NAME_B "CMD_A" "CMD_B": alternate A and B; print the median
# and the best of each, and A over B for both (below 1: A is faster).
versus() {
	alternate "$3" "$4"
	ma=$(median "$work/a"); mb=$(median "$work/b")
	ba=$(best "$work/a"); bb=$(best "$work/b")
	printf '  %-52s %8ss median %8ss best\n' "$1" "$ma" "$ba"
	printf '  %-52s %8ss median %8ss best\n' "$2" "$mb" "$bb"
	printf '  ratio: %sx (medians), %sx (best of %s)\n' "$(ratio "$ma" "$mb")" \
	    "$(ratio "$ba" "$bb")" "$runs"
	ca=$(cpu_median "$work/a"); cb=$(cpu_median "$work/b")
	printf '  CPU (user + system, medians): %ss and %ss, %sx\n' "$ca" "$cb" \
	    "$(ratio "$ca" "$cb")"
}
