#!/bin/sh
# "polyaudit completion bash" is written from the command table: bash
# loads it, and for each command it offers exactly the options --help
# lists, the words the parser takes, and file names where a file goes.
. "$SRCDIR/tests/lib.sh"
t_run "completion bash" 0 "$POLYAUDIT" completion bash
script=$T_TMP/polyaudit.bash
printf '%s\n' "$T_OUT" >"$script"
if ! command -v bash >/dev/null 2>&1; then
	t_fail "bash is installed"
	t_done
	exit
fi
t_eq "bash registers it" "complete -o filenames -F _polyaudit polyaudit" \
    "$(bash -c '. "$1" && complete -p polyaudit' sh "$script" 2>&1)"

# complete WORD...: what the function offers for the command line WORD...
# (the last word is the one being completed), sorted, on one line.
complete() {
	(cd "$T_TMP" && bash -c '. "$1"; shift
	    COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _polyaudit
	    [ ${#COMPREPLY[@]} -eq 0 ] ||
	    printf "%s\n" "${COMPREPLY[@]}" | LC_ALL=C sort | tr "\n" " "' \
	    sh "$script" polyaudit "$@")
}
cmds=$("$POLYAUDIT" --help | awk '$1 == "polyaudit" { print $2 }' | uniq |
    tr '\n' ' ')
t_grep "--help lists commands" "^audit completion dhcp " "$cmds"
t_eq "commands: those of --help" "--help --version $cmds" "$(complete '')"
t_eq "a command by prefix" "scan show " "$(complete s)"
t_eq "dhcp sub-commands" "decode encode probe " "$(complete dhcp '')"
t_eq "an option by prefix" "--follow-urls --format " "$(complete show --share d --fo)"
t_eq "--format words of show" "csv html json text " "$(complete show --format '')"
t_eq "--format words of files" "json text " "$(complete files --format '')"
t_eq "--scheme words" "http https " "$(complete audit --scheme '')"
t_eq "dhcp decode --option words" "120 160 43 60 66 " "$(complete dhcp decode --option '')"
t_eq "--check words" "pin " "$(complete scan --check p)"
mkdir "$T_TMP/inv.d" && : >"$T_TMP/inventory.txt"
t_eq "--inventory completes file names" "inv.d inventory.txt " "$(complete audit --inventory inv)"
t_eq "--mac offers nothing" "" "$(complete show --mac '')"

# Each command: the options offered are the options its --help lists.
"$POLYAUDIT" --help | awk '$1 == "polyaudit" {
	p = $2; if ($3 ~ /^[a-z]+$/) p = p " " $3; print p }' >"$T_TMP/paths"
while read -r p; do
	# shellcheck disable=SC2086
	want=$("$POLYAUDIT" $p --help | sed '/^[^u ]/,$d' |
	    grep -oE -- '--[a-z][a-z0-9-]*' | sort -u | tr '\n' ' ')
	# shellcheck disable=SC2086
	got=$(complete $p --)
	t_eq "$p: completion offers the options of --help" "${want}--help " \
	    "$(printf '%s' "$got" | tr ' ' '\n' | grep . | grep -vx -- --help |
	    sort | tr '\n' ' ')--help "
done <"$T_TMP/paths"
t_done
