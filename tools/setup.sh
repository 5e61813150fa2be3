#!/bin/sh
# Install what building and testing polyaudit needs on Debian, then
# configure and build in _build/DIR.  Usage: tools/setup.sh [DIR [CONFIGURE-ARGS]]
set -e
top=$(cd "$(dirname "$0")/.." && pwd)
pkgs="autoconf automake make gcc pkg-config libxml2-dev libcurl4-openssl-dev
libjansson-dev libssl-dev libmicrohttpd-dev libcmocka-dev mandoc libxml2-utils openssl
strace dnsmasq-base clang libclang-rt-dev valgrind
python3-pyftpdlib vsftpd tftpd-hpa libsqlite3-dev sqlite3 prometheus chromium
python3-jsonschema systemd debhelper lintian build-essential man-db"
# One dpkg-query for all (one a package cost 0.6 s of every check.sh).
installed=" $(dpkg-query -W -f='${Package} ${Status}\n' $pkgs 2>/dev/null |
    awk '/ ok installed$/ { printf "%s ", $1 }')"
missing=
for p in $pkgs; do
	case $installed in *" $p "*) ;; *) missing="$missing $p" ;; esac
done
if [ -n "$missing" ]; then
	echo "setup: installing$missing" >&2
	sudo=; [ "$(id -u)" -eq 0 ] || sudo=sudo
	$sudo apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq $missing >/dev/null
fi
dir=${1:-default}; [ $# -gt 0 ] && shift
cd "$top"
[ -x configure ] && [ configure -nt configure.ac ] && [ Makefile.in -nt Makefile.am ] ||
	autoreconf -fi >/dev/null 2>&1 || autoreconf -fi
mkdir -p "_build/$dir"
cd "_build/$dir"
if [ ! -f Makefile ] || [ "$top/configure" -nt config.status ]; then
	"$top/configure" -q "$@"
fi
make -s -j"$(nproc)" >/dev/null
