#!/bin/sh
# The release checks, slow because each builds polyaudit again; CI runs
# them after the suite (CI=true tools/check.sh counts each line):
#   distcheck  make distcheck: the tarball builds and passes make check
#   deb        a clean clone of HEAD builds with dpkg-buildpackage -us -uc -b;
#              lintian finds no error and no warning
#   install-*  that package installed on this machine (as root), tried,
#              and purged, nothing of it left (tools/install-test.sh)
# Each case prints "PASS: release-..." or "FAIL: release-..." and the
# exit status is 1 when any failed.  Usage: tools/release-check.sh BUILDDIR
top=$(cd "$(dirname "$0")/.." && pwd)
build=${1:?usage: release-check.sh BUILDDIR}
fail=0
pass() { echo "PASS: release-$1"; }
fail() { echo "FAIL: release-$1"; shift; printf '%s\n' "$@" | tail -n 40 | sed 's/^/  /'; fail=1; }
check() {	# check NAME CMD...: PASS or FAIL with the command's output
	_n=$1; shift
	if _o=$("$@" 2>&1); then pass "$_n"; else fail "$_n" "$_o"; fi
}
w=$(mktemp -d "${TMPDIR:-/tmp}/polyaudit-release.XXXXXX")
trap 'rm -rf "$w"' EXIT
trap 'exit 1' INT TERM

check distcheck make -C "$build" -s distcheck

ver=$(sed -n 's/^AC_INIT(\[polyaudit\], \[\([^]]*\)\].*/\1/p' "$top/configure.ac")
git clone -q "$top" "$w/polyaudit" &&
	check deb-version-matches-configure sh -c \
	    "cd '$w/polyaudit' && test \"\$(dpkg-parsechangelog -S Version)\" = '$ver'"
if out=$(cd "$w/polyaudit" && dpkg-buildpackage -us -uc -b 2>&1); then
	pass "deb-builds"
else
	fail "deb-builds" "$out"
fi
deb=$(ls "$w"/polyaudit_"$ver"_*.deb 2>/dev/null)
changes=$(ls "$w"/polyaudit_"$ver"_*.changes 2>/dev/null)
if [ -n "$deb" ]; then
	check deb-lintian lintian --fail-on error,warning "$changes"
	sudo=; [ "$(id -u)" -eq 0 ] || sudo="sudo -n"
	# One install test at a time on this machine; it prints its cases.
	flock /tmp/polyaudit-install-test.lock \
	    $sudo sh "$top/tools/install-test.sh" "$deb" "$ver" || fail=1
else
	fail "deb-lintian" "no polyaudit_${ver}_*.deb was built"
	fail "install" "no package to install"
fi
exit $fail
