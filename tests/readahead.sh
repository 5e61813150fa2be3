#!/bin/sh
# scan of a local share reads each phone's own files ahead on a second
# thread (src/readahead.c).  The output must be byte for byte what one
# thread gives (--share-jobs 1), with the default window and with tiny
# ones (POLYAUDIT_TEST_READAHEAD=N) that make the threads meet on every
# phone: on a generated share, on hostile per-phone files, on the samples
# and on the corpus.  tools/tsan-check.sh runs this under ThreadSanitizer.
. "$SRCDIR/tests/lib.sh"
# OpenMetrics and --check logs print the time of the run.
SOURCE_DATE_EPOCH=1764547200; export SOURCE_DATE_EPOCH
S=$T_TMP/share
sh "$SRCDIR/bench/genshare.sh" "$S" 400 5 200 || t_fail "generate the share"
OUT=$T_TMP/outside
mkdir -p "$OUT"
echo '<x secret.value="PLANTED-OUTSIDE"/>' >"$OUT/planted.cfg"
# Hostile files of single phones: each is what the reader thread reads.
m() { printf '0004f2%06x' "$1"; }
rm "$S/$(m 3)-line.cfg"
echo '<reg reg.1.label="x"' >"$S/$(m 4)-line.cfg"
printf 'Digest=0123456789abcdef\n\001\002binary' >"$S/$(m 5)-line.cfg"
printf 'Digest=0123456789abcdef\n\001\002binary' >"$S/$(m 6).cfg"
rm "$S/$(m 7)-line.cfg"; ln -s "$OUT/planted.cfg" "$S/$(m 7)-line.cfg"
rm "$S/overrides/$(m 11)-phone.cfg"
ln -s "$OUT/planted.cfg" "$S/overrides/$(m 11)-phone.cfg"
rm "$S/$(m 8)-line.cfg"; mkfifo "$S/$(m 8)-line.cfg"
rm "$S/$(m 9)-line.cfg"
dd if=/dev/zero of="$S/$(m 9)-line.cfg" bs=1 count=0 seek=17M 2>/dev/null
echo '<APPLICATION CONFIG_FILES="[PHONE_MAC_ADDRESS]-line.cfg' >"$S/$(m 13).cfg"
rm "$S/$(m 14)-line.cfg"; ln -s loop.cfg "$S/$(m 14)-line.cfg"
# UTF-16 with an unpaired surrogate: libxml2's encoder reports it with no
# parser context, on whichever thread parses it.
for i in 10 100 300; do
	printf '\377\376<\000r\000 \000a\000=\000"\000\000\330x\000"\000/\000>\000' \
	    >"$S/$(m $i)-line.cfg"
done
ln -s "$(m 14)-line.cfg" "$S/loop.cfg"
# An override whose name differs in case, found by the phone's resolution
# only; one master listing its own line file twice, one listing itself
# through the token, one with a model's list and another's line file.
mv "$S/overrides/$(m 12)-phone.cfg" "$S/overrides/$(m 12 | tr a-f A-F)-phone.cfg"
sed 's/CONFIG_FILES="/CONFIG_FILES="[PHONE_MAC_ADDRESS]-line.cfg, /' \
    "$S/$(m 15).cfg" >"$T_TMP/x" && mv "$T_TMP/x" "$S/$(m 15).cfg"
sed 's/CONFIG_FILES="/CONFIG_FILES="[PHONE_MAC_ADDRESS].cfg, /' \
    "$S/$(m 16).cfg" >"$T_TMP/x" && mv "$T_TMP/x" "$S/$(m 16).cfg"
sed "s/CONFIG_FILES=\"/CONFIG_FILES_VVX411=\"[PHONE_MAC_ADDRESS]-[PHONE_MODEL].cfg, $(m 18)-line.cfg\" CONFIG_FILES=\"/" \
    "$S/$(m 17).cfg" >"$T_TMP/x" && mv "$T_TMP/x" "$S/$(m 17).cfg"
echo '<reg reg.1.label="VVX411 line"/>' >"$S/$(m 17)-VVX411.cfg"
# Two phones whose list names the first one's line file plainly before
# its token entry: read ahead as that phone's own, it is lent as shared,
# and the second phone takes it from the remembered list.
for i in 19 20; do
	sed "s/CONFIG_FILES=\"/CONFIG_FILES=\"$(m 19)-line.cfg, /" \
	    "$S/$(m $i).cfg" >"$T_TMP/x" && mv "$T_TMP/x" "$S/$(m $i).cfg"
done
# A phone with only an override, resolved through the zeros master.
echo '<PHONE_CONFIG><OVERRIDES up.x="1"/></PHONE_CONFIG>' >"$S/overrides/0004f2ffffff-phone.cfg"

# same NAME SHARE ARGS...: the run with one thread is the reference; the
# read-ahead runs, one a window in $windows (d: the default), give the
# same exit status, stdout and stderr.
windows="d 2"
same() {
	_n=$1 _s=$2; shift 2
	"$POLYAUDIT" scan --share "$_s" --share-jobs 1 "$@" >"$T_TMP/ref.out" 2>"$T_TMP/ref.err"
	_ref=$?
	for _w in $windows; do
		[ "$_w" = d ] && _w=
		POLYAUDIT_TEST_READAHEAD=$_w "$POLYAUDIT" scan --share "$_s" "$@" \
		    >"$T_TMP/ra.out" 2>"$T_TMP/ra.err"
		_rc=$?
		if [ "$_rc" -eq "$_ref" ] && cmp -s "$T_TMP/ref.out" "$T_TMP/ra.out" &&
		    cmp -s "$T_TMP/ref.err" "$T_TMP/ra.err"; then
			t_ok "$_n, window ${_w:-default}: same as one thread (exit $_ref)"
		else
			t_fail "$_n, window ${_w:-default}: differs from one thread (exit $_rc, want $_ref)" \
			    "$(diff "$T_TMP/ref.out" "$T_TMP/ra.out" | head -20)" \
			    "$(diff "$T_TMP/ref.err" "$T_TMP/ra.err" | head -20)"
		fi
	done
}

# Windows of 1 and 3 phones make the threads meet at every phone.
windows="d 1 3" same "generated share, --format json" "$S" --format json
for f in text csv html openmetrics; do
	same "generated share, --format $f" "$S" --format "$f"
done
same "generated share, --check pin" "$S" --check pin --format json
same "generated share, --check logs" "$S" --check logs
same "generated share, --model VVX411 --param reg.1.label" "$S" --model VVX411 --param reg.1.label --format json
# Release after use: every file read again per phone, adopted or not.
POLYAUDIT_TEST_UNCACHED=1 same "generated share, every file released after use" "$S" --format json

# What the hostile files gave is in the reference: an error for each of
# those phones (missing, malformed, encrypted master, linked out, FIFO,
# oversized, loop, malformed master) and for no other.
"$POLYAUDIT" scan --share "$S" --format json >"$T_TMP/h.out" 2>"$T_TMP/h.err"
h=$(cat "$T_TMP/h.out")
t_nogrep "nothing from outside the share" "PLANTED" "$h"
t_nogrep "no libxml2 message on stderr (it quotes file bytes)" \
    "encod|0xD8|I/O error" "$(cat "$T_TMP/h.err")"
for i in 3 4 6 7 8 9 11 13 14; do
	t_grep "phone $i's hostile file is an error" "\"mac\":\"$(m $i)\".*\"errors\":[1-9]" "$h"
done
t_eq "no other phone has errors" 389 "$(t_count '"errors":0,' "$h")"
t_grep "the model's list is read" "\"mac\":\"$(m 17)\"" "$h"

# The thread does read: its files are opened by a second thread, and with
# --share-jobs 1 by none.  (LeakSanitizer cannot run under ptrace.)
if command -v strace >/dev/null 2>&1; then
	for j in 8 1; do
		ASAN_OPTIONS=detect_leaks=0 strace -f -qq -e trace=open,openat,openat2 \
		    -o "$T_TMP/trace$j" "$POLYAUDIT" scan --share "$S" --share-jobs $j \
		    >/dev/null 2>&1
	done
	t_eq "phone files opened by two threads" 2 \
	    "$(grep -- '-line\.cfg"' "$T_TMP/trace8" | awk '{ print $1 }' | sort -u | wc -l)"
	t_eq "one thread with --share-jobs 1" 1 \
	    "$(grep -- '-line\.cfg"' "$T_TMP/trace1" | awk '{ print $1 }' | sort -u | wc -l)"
	if command -v taskset >/dev/null 2>&1; then
		ASAN_OPTIONS=detect_leaks=0 taskset -c 0 strace -f -qq \
		    -e trace=open,openat,openat2 -o "$T_TMP/trace-cpu" "$POLYAUDIT" \
		    scan --share "$S" >/dev/null 2>&1
		t_eq "one thread on one CPU" 1 \
		    "$(grep -- '-line\.cfg"' "$T_TMP/trace-cpu" | awk '{ print $1 }' | sort -u | wc -l)"
	fi
else
	t_fail "strace is installed (tools/setup.sh installs it)"
fi

same "samples" "$SRCDIR/samples" --format json
same "samples, text" "$SRCDIR/samples"
if t_need_corpus "corpus shares"; then
	for d in "$CORPUS"/sets/*/; do
		same "corpus $(basename "$d")" "$d" --format json
	done
fi
t_done
