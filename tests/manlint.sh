#!/bin/sh
# The man page is clean mdoc, and it documents every option --help shows.
. "$SRCDIR/tests/lib.sh"
man=$SRCDIR/man/polyaudit.1

if out=$(mandoc -T lint -W warning "$man" 2>&1); then t_ok "mandoc lint is clean"
else t_fail "mandoc lint is clean" "$out"; fi

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
