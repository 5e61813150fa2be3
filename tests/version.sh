#!/bin/sh
# --version names polyaudit's version and the libraries it runs with, in
# curl -V's "name/version" form, libcurl with its TLS backend.
. "$SRCDIR/tests/lib.sh"

t_run "--version" 0 "$POLYAUDIT" --version
V=$T_OUT
want=$(sed -n 's/^AC_INIT(\[polyaudit\], \[\([^]]*\)\].*/\1/p' "$SRCDIR/configure.ac")
t_grep "polyaudit's own version first" "^polyaudit $want " "$V"
t_eq "one line" 1 "$(printf '%s\n' "$V" | wc -l)"
# xmllint reports the libxml2 it loaded as 20914 for 2.9.14.
x=$(xmllint --version 2>&1 | sed -n 's/.*using libxml version \([0-9]*\).*/\1/p')
x=$((x / 10000)).$((x / 100 % 100)).$((x % 100))
t_grep "libxml2 version" " libxml2/$x( |\$)" "$V"
t_grep "libcurl version" " libcurl/$(pkg-config --modversion libcurl) " "$V"
tls=$(curl-config --ssl-backends | awk '{ print $1 }')
t_grep "libcurl's TLS backend ($tls)" "libcurl/[^ ]+ $tls/[0-9]" "$V"
t_grep "jansson version" " jansson/$(pkg-config --modversion jansson)( |\$)" "$V"
t_grep "SQLite version" " SQLite/$(pkg-config --modversion sqlite3)( |\$)" "$V"
t_grep "libcrypto version" " libcrypto/$(pkg-config --modversion libcrypto)( |\$)" "$V"
t_nogrep "the simulator's libmicrohttpd is not linked" "microhttpd" "$V"
t_run "-V is not --version" 2 "$POLYAUDIT" -V
t_done
