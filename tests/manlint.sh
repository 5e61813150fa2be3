#!/bin/sh
# The man page is clean mdoc, and it documents every option --help shows.
. "$SRCDIR/tests/lib.sh"
man=$SRCDIR/man/polyaudit.1

if out=$(mandoc -T lint -W warning "$man" 2>&1); then t_ok "mandoc lint is clean"
else t_fail "mandoc lint is clean" "$out"; fi
# groff run as lintian runs it: any warning is lintian's groff-message.
out=$(LC_ALL=C.UTF-8 MANROFFSEQ='' MANWIDTH=80 man --warnings -E UTF-8 -l -Tutf8 -Z "$man" 2>&1 >/dev/null)
t_eq "groff formats it without a warning (lintian)" "" "$out"

cmds=$("$POLYAUDIT" --help | awk '$1 == "polyaudit" { print $2 }' | sort -u)
t_grep "--help lists commands" "show" "$cmds"
for c in $cmds; do
	t_grep "man page has command $c" "^\.Cm $c( |\$)" "$(cat "$man")"
	opts=$("$POLYAUDIT" "$c" --help | grep -oE -- '--[a-z][a-z0-9-]*' | sort -u)
	for o in $opts; do
		t_grep "man page documents $c $o" "^\.(It|Op) Fl -${o#--}( |\$)" \
		    "$(cat "$man")"
	done
done

# SYNOPSIS names every command of --help with the same options, in the
# same order, each required or optional as there; --help is written from
# the command table, so the page follows the parser.
synopsis_help=$("$POLYAUDIT" --help | awk '
	/^  polyaudit / { if (l != "") print l; l = substr($0, 13); next }
	/^      / && l != "" { sub(/^ +/, " "); l = l $0; next }
	{ if (l != "") print l; l = "" }
	END { if (l != "") print l }' | awk '{
	path = ""; out = ""; depth = 0
	for (i = 1; i <= NF; i++) {
		w = $i
		if (out == "" && depth == 0 && w ~ /^[a-z]+$/) {
			path = path (path == "" ? "" : " ") w
			continue
		}
		lead = w; sub(/[^[(].*/, "", lead)
		depth += gsub(/\[/, "[", lead)
		if (w ~ /^[[(]*--/) {
			name = w; sub(/^[[(]*--/, "", name); sub(/[] )|.].*/, "", name)
			out = out " " name (depth > 0 ? ":o" : ":r")
		}
		rest = substr(w, length(lead) + 1)
		depth += gsub(/\[/, "[", rest) - gsub(/\]/, "]", rest)
	}
	print path ":" out
}')
synopsis_man=$(awk '
	/^\.Sh SYNOPSIS/ { on = 1; next }
	/^\.Sh / { on = 0 }
	!on { next }
	/^\.Nm/ { if (path != "") print path ":" out; path = ""; out = ""; next }
	/^\.Cm / { path = substr($0, 5); next }
	{
		opt = $1 == ".Op"
		for (i = 2; i <= NF; i++)
			if ($(i - 1) ~ /^\.?Fl$/ && $i ~ /^-[a-z]/)
				out = out " " substr($i, 2) (opt ? ":o" : ":r")
	}
	END { if (path != "") print path ":" out }' "$man")
t_grep "--help synopsis parsed" "^audit: share:r phone:r inventory:r " \
    "$synopsis_help"
t_eq "SYNOPSIS matches --help, command by command" "$synopsis_help" \
    "$synopsis_man"

# README's Usage block is the synopsis part of --help, as printed.
t_eq "README Usage is polyaudit --help" \
    "$("$POLYAUDIT" --help | sed -n '/^  polyaudit /,/^$/p' | sed '/^$/d')" \
    "$(sed -n '/^## Usage/,/^[^ #]/p' "$SRCDIR/README.md" | sed -n 's/^  //p')"

# DIAGNOSTICS lists exactly the codes of the findings table, and the table
# has an entry for every constant of enum findcode.
enum=$(sed -n '/^enum findcode {/,/^}/p' "$SRCDIR/src/findings.h" |
    grep -oE 'FIND_[A-Z0-9_]+' | grep -v '^FIND__MAX$' | sort)
tab=$(grep -oE '^	\[FIND_[A-Z0-9_]+\] = \{ "[a-z0-9-]+"' "$SRCDIR/src/findings.c")
t_eq "findings table has every enum findcode" "$enum" \
    "$(printf '%s\n' "$tab" | grep -oE 'FIND_[A-Z0-9_]+' | sort)"
codes=$(printf '%s\n' "$tab" | grep -oE '"[a-z0-9-]+"' | tr -d '"' | sort -u)
t_grep "findings table has codes" "^conflict\$" "$codes"
documented=$(sed -n '/^\.Sh DIAGNOSTICS/,/^\.Sh /p' "$man" |
    sed -n 's/^\.It Cm //p' | tr ',' '\n' | tr -d ' ' | sort -u)
t_eq "DIAGNOSTICS lists exactly the finding codes" "$codes" "$documented"
t_done
