#!/bin/sh
# The one option parser (src/cli.c) on every command of the table: --help,
# unknown options, missing values, extra arguments, numbers, --format and
# options that exclude each other, all exit 2 with one line that names
# the command and the option, and never a value glued to an option.
. "$SRCDIR/tests/lib.sh"
S=$SRCDIR/samples
M=0004f2aa0001

# Every command --help lists: the word after "polyaudit" (and dhcp's).
paths=$("$POLYAUDIT" --help | awk '$1 == "polyaudit" {
	p = $2; if ($3 ~ /^[a-z]+$/) p = p " " $3; print p }')
t_eq "--help lists every command" "audit
completion bash
dhcp decode
dhcp encode
dhcp probe
diff
files
history
logs
pin
scan
show" "$paths"
printf '%s\n' "$paths" >"$T_TMP/paths"
while read -r p; do
	# shellcheck disable=SC2086
	t_run "$p --help" 0 "$POLYAUDIT" $p --help
	t_grep "$p --help starts with its usage" "^usage: polyaudit $p( |\$)" \
	    "$(printf '%s\n' "$T_OUT" | head -n 1)"
	# shellcheck disable=SC2086
	t_run "$p --frob" 2 "$POLYAUDIT" $p --frob=PLANTED
	t_eq "$p --frob: one message naming the option" \
	    "polyaudit: $p: unknown option '--frob'" \
	    "$(printf '%s\n' "$T_ERR" | head -n 1)"
	t_nogrep "$p --frob: the value is not echoed" PLANTED "$T_ERR"
done <"$T_TMP/paths"

t_run "polyaudit --help" 0 "$POLYAUDIT" --help
t_run "no command" 2 "$POLYAUDIT"
t_run "unknown command" 2 "$POLYAUDIT" frob
t_run "dhcp without a sub-command" 2 "$POLYAUDIT" dhcp
t_grep "... names the sub-commands" "give one of: decode encode probe" "$T_ERR"

t_run "missing value" 2 "$POLYAUDIT" show --share "$S" --mac
t_grep "... says so" "show: --mac needs a value" "$T_ERR"
t_run "a flag with a value" 2 "$POLYAUDIT" show --share "$S" --mac $M --all=yes
t_grep "... says so" "show: --all takes no value" "$T_ERR"
t_run "an extra argument" 2 "$POLYAUDIT" files --share "$S" --mac $M extra
t_grep "... is named" "files: unexpected argument 'extra'" "$T_ERR"
t_run "a prefix is not an option" 2 "$POLYAUDIT" files --sha "$S" --mac $M
t_run "a short option other than -h" 2 "$POLYAUDIT" files -s "$S"
t_run "-h" 0 "$POLYAUDIT" files -h
t_run "required option" 2 "$POLYAUDIT" files --mac $M
t_grep "... named" "files: --share is required" "$T_ERR"
t_run "bad number" 2 "$POLYAUDIT" audit --share "$S" --phone 127.0.0.1 --jobs 0
t_grep "... with its range" "audit: --jobs: bad number '0': give 1 to 100000" "$T_ERR"
t_run "number with junk" 2 "$POLYAUDIT" dhcp encode --fqdn a.b --port 44x
t_run "number too large" 2 "$POLYAUDIT" dhcp probe --timeout 3601
t_run "a word not offered" 2 "$POLYAUDIT" audit --share "$S" --phone h --scheme ftp
t_grep "... lists the words" "audit: --scheme is https or http" "$T_ERR"
t_run "--format not offered" 2 "$POLYAUDIT" files --share "$S" --mac $M --format csv
t_grep "... lists the command's formats" "files: --format is text or json" "$T_ERR"
t_run "scan --check logs in CSV" 2 "$POLYAUDIT" scan --share "$S" --check logs --format csv
t_grep "... says which formats" "scan: --check logs: --format is text or json" "$T_ERR"
t_run "logs --max-age 0" 2 "$POLYAUDIT" logs --share "$S" --max-age 0
t_grep "... with its range" "logs: --max-age: bad number '0': give 1 to 3650" "$T_ERR"
t_run "options that exclude each other" 2 "$POLYAUDIT" show --share "$S" --mac $M --all --param x
t_grep "... are named" "show: --all and --param exclude each other" "$T_ERR"
t_run "one of a required group" 2 "$POLYAUDIT" audit --share "$S"
t_grep "... is asked for" "audit: give --phone or --inventory" "$T_ERR"
t_run "operands required" 2 "$POLYAUDIT" dhcp decode --option 120
t_grep "... named" "dhcp decode: give HEX\\.\\.\\." "$T_ERR"

# pin and audit name a phone with the same HOST[:PORT] parser.
for c in "pin --mac $M" audit; do
	# shellcheck disable=SC2086
	t_run "$c: a bad --phone port" 2 "$POLYAUDIT" $c --share "$S" --phone h:99999
	t_grep "$c: ... says why" "bad --phone 'h:99999': port must be a number from 1 to 65535" "$T_ERR"
	# shellcheck disable=SC2086
	t_run "$c: IPv6 without brackets" 2 "$POLYAUDIT" $c --share "$S" --phone ::1:443
	t_grep "$c: ... says how" "IPv6 addresses must be written in brackets" "$T_ERR"
done

# What the parser takes runs: --opt=value, options after operands, "--".
t_run "--format=json and --mac=" 1 "$POLYAUDIT" show --share="$S" --mac=$M --format=json
t_grep "... gives JSON" '^\{' "$T_OUT"
t_run "options after operands" 0 "$POLYAUDIT" dhcp decode 4d 53 --option 60 --format json
t_grep "... operands joined" '"value": "MS"' "$T_OUT"
t_run "-- ends the options" 0 "$POLYAUDIT" dhcp decode --option 60 -- 4d53
t_done
