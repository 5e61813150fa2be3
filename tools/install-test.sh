#!/bin/sh
# Install the package on this machine, try it as an administrator would
# (--version, man, bash completion, the smoke test), purge it and check
# that none of its files is left.  It is purged on any exit, and a
# polyaudit package installed before is never touched.  Run as root, by
# tools/release-check.sh.  Usage: install-test.sh DEB VERSION
top=$(cd "$(dirname "$0")/.." && pwd)
deb=${1:?usage: install-test.sh DEB VERSION} ver=${2:?usage: install-test.sh DEB VERSION}
fail=0
pass() { echo "PASS: release-install-$1"; }
fail() { echo "FAIL: release-install-$1"; shift; printf '%s\n' "$@" | tail -n 20 | sed 's/^/  /'; fail=1; }
state() { dpkg-query -W -f='${db:Status-Status}' polyaudit 2>/dev/null || echo not-installed; }

if [ "$(state)" != not-installed ]; then
	fail "nothing-installed-before" "polyaudit is installed ($(state)): not touching it"
	exit 1
fi
w=$(mktemp -d "${TMPDIR:-/tmp}/polyaudit-install.XXXXXX")
trap 'dpkg --purge polyaudit >/dev/null 2>&1; rm -rf "$w"' EXIT
trap 'exit 1' INT TERM HUP

if out=$(dpkg -i "$deb" 2>&1); then pass dpkg-i; else fail dpkg-i "$out"; exit 1; fi
dpkg -L polyaudit >"$w/files"

v=$(PATH=/usr/bin:/bin polyaudit --version 2>&1)
case $v in
"polyaudit $ver libxml2/"*" libcurl/"*" jansson/"*) pass version ;;
*) fail version "$v" ;;
esac
m=$(man -aw polyaudit 2>&1)
if printf '%s\n' "$m" | grep -qx /usr/share/man/man1/polyaudit.1.gz; then pass man-w
else fail man-w "man -aw polyaudit: $m"; fi
# bash-completion loads /usr/share/bash-completion/completions/polyaudit
# on the first TAB; here it is sourced and asked as TAB would ask it.
comp=/usr/share/bash-completion/completions/polyaudit
c=$(bash -c '. "$1" || exit 1
	f=$(complete -p polyaudit | sed -n "s/.* -F \([^ ]*\) .*/\1/p")
	COMP_WORDS=(polyaudit s); COMP_CWORD=1; $f; echo "${COMPREPLY[*]}"
	COMP_WORDS=(polyaudit show --fo); COMP_CWORD=2; $f; echo "${COMPREPLY[*]}"' \
	sh "$comp" 2>&1)
case $c in
*scan*show*"
"*--format*) pass bash-completion ;;
*) fail bash-completion "$comp offers: $c" ;;
esac
ex=
for f in "$top"/examples/*; do
	[ -f "/usr/share/doc/polyaudit/examples/${f##*/}" ] || ex="$ex ${f##*/}"
done
if [ -z "$ex" ]; then pass examples; else fail examples "not installed:$ex"; fi
miss=
for f in "$top"/schemas/*.schema.json; do
	[ -f "/usr/share/polyaudit/schemas/${f##*/}" ] || miss="$miss ${f##*/}"
done
if [ -z "$miss" ]; then pass schemas; else fail schemas "not installed:$miss"; fi
if out=$(AUTOPKGTEST_TMP=$w sh "$top/debian/tests/smoke" 2>&1); then pass smoke
else fail smoke "$out"; fi

if out=$(dpkg --purge polyaudit 2>&1) && [ "$(state)" = not-installed ]; then
	pass purge
else
	fail purge "$out" "state: $(state)"
fi
left=$(while read -r f; do [ -d "$f" ] || [ ! -e "$f" ] || echo "$f"; done <"$w/files")
for d in /usr/share/polyaudit /usr/share/doc/polyaudit; do
	[ -e "$d" ] && left="$left $d"
done
if [ -z "$left" ]; then pass nothing-left; else fail nothing-left "left: $left"; fi
exit $fail
