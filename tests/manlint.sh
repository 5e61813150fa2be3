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
t_done
