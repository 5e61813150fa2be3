#!/bin/sh
# The phone's provisioning-server name is looked up within the phone's
# --timeout and never holds another phone.  The resolver is real: in a
# private mount namespace /etc/resolv.conf names 127.0.0.1:53, where a
# UDP socket takes every query and never answers (no traffic leaves
# 127.0.0.0/8).  Without unshare(1) rights the case is skipped.
. "$SRCDIR/tests/lib.sh"
PY=/usr/bin/python3
cat >"$T_TMP/dns.py" <<'EOF'
import socket, sys
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind(("127.0.0.1", 53))
open(sys.argv[1], "w").write("53\n")
while True:
    s.recvfrom(4096)
EOF
echo 'nameserver 127.0.0.1' >"$T_TMP/resolv.conf"
if ! unshare -m sh -c "mount --bind '$T_TMP/resolv.conf' /etc/resolv.conf" 2>/dev/null; then
	t_skip "a name that never resolves" "unshare -m / mount not permitted here"
	t_done
	exit
fi
waitfile() {	# waitfile FILE PIDFILE
	t_until 10 t_up "$1" "$2"
	[ -s "$1" ]
}
$PY "$T_TMP/dns.py" "$T_TMP/dns.port" >"$T_TMP/dns.log" 2>&1 &
echo $! >"$T_TMP/dns.pid"
if ! waitfile "$T_TMP/dns.port" "$T_TMP/dns.pid"; then
	t_skip "a name that never resolves" "127.0.0.1:53 is taken: $(tail -n 1 "$T_TMP/dns.log")"
	t_done
	exit
fi
mkdir -p "$T_TMP/share"
echo '<a CONFIG_FILES="site.cfg"/>' >"$T_TMP/share/000000000000.cfg"
echo '<x reg.1.auth.usePinCredentials="0"/>' >"$T_TMP/share/site.cfg"
# A share that redirects its phone to a name that never resolves.
echo '<a CONFIG_FILES="redirect.cfg"/>' >"$T_TMP/share/0004f2aa0003.cfg"
echo '<d device.set="1" device.prov.serverName.set="1" device.prov.serverName="prov.redirect-never-answers.test"/>' \
    >"$T_TMP/share/redirect.cfg"
cat >"$T_TMP/share_http.py" <<'EOF'
import http.server, functools, sys
h = functools.partial(http.server.SimpleHTTPRequestHandler, directory=sys.argv[1])
s = http.server.HTTPServer(("127.0.0.1", 0), h)
open(sys.argv[2], "w").write("%d\n" % s.server_port)
s.serve_forever()
EOF
$PY "$T_TMP/share_http.py" "$T_TMP/share" "$T_TMP/http.port" >"$T_TMP/http.log" 2>&1 &
echo $! >"$T_TMP/http.pid"
waitfile "$T_TMP/http.port" "$T_TMP/http.pid" || t_fail "http share starts" "$(cat "$T_TMP/http.log")"
HP=$(cat "$T_TMP/http.port")
# One phone names a server that never resolves; the next is healthy
# and slow (1.5 s a request), well inside --timeout 3; the share sends
# the third to a name that never resolves.
cat >"$T_TMP/phones.json" <<EOF
{"phones": [
 {"mac": "0004f2aa0001", "prov_server": "prov.never-answers.test", "prov_type": "HTTP"},
 {"mac": "0004f2aa0002", "prov_server": "http://127.0.0.1:$HP/", "prov_type": "HTTP", "faults": {"delay_ms": 700}},
 {"mac": "0004f2aa0003", "prov_server": "http://127.0.0.1:$HP/", "prov_type": "HTTP"}
]}
EOF
"$BUILDDIR/tests/phonesim" --ports-file "$T_TMP/sim.port" --max-seconds 60 \
    "$T_TMP/phones.json" >"$T_TMP/sim.log" 2>&1 &
echo $! >"$T_TMP/sim.pid"
waitfile "$T_TMP/sim.port" "$T_TMP/sim.pid" || t_fail "phonesim starts" "$(cat "$T_TMP/sim.log")"
awk '{ printf "127.0.0.1:%s 0004f2aa000%d\n", $2, NR }' "$T_TMP/sim.port" >"$T_TMP/inventory"
# The share's redirect target gets REDIRECT_WAIT_MS (5 s), run beside
# the fleet below so the suite does not wait twice.
in_ns() {
	env RES_OPTIONS="timeout:30 attempts:2" timeout 20 unshare -m sh -c \
	    'mount --bind "$1" /etc/resolv.conf && shift && exec "$@"' sh \
	    "$T_TMP/resolv.conf" "$@"
}
in_ns "$POLYAUDIT" show --share "http://127.0.0.1:$HP/" --mac 0004f2aa0003 \
    --param device.set >"$T_TMP/show.out" 2>&1 &
show_pid=$!
# RES_OPTIONS makes the resolver wait 30 s a try; the outer timeout 20
# only stops a run that waited for it (the old blocking getaddrinfo).
t_run "fleet with a name that never resolves (exit 1)" 1 in_ns \
    "$POLYAUDIT" audit --share "http://127.0.0.1:$HP/" \
    --inventory "$T_TMP/inventory" --scheme http --timeout 3 \
    --param reg.1.auth.usePinCredentials --format json
line() { printf '%s\n' "$T_OUT" | grep "\"mac\":\"$1\""; }
t_grep "the unresolved name: a note that the look-up ran out" \
    '"provisioning":\{"match":"unknown","reason":"the phone provisions from prov.never-answers.test \(HTTP\); the look-up of prov.never-answers.test did not finish within the phone.s --timeout' \
    "$(line 0004f2aa0001)"
t_grep "the unresolved phone is still audited" '"error":null' "$(line 0004f2aa0001)"
t_grep "the slow phone does not time out" '"error":null' "$(line 0004f2aa0002)"
t_grep "the slow phone: same server" '"provisioning":\{"match":"same"' "$(line 0004f2aa0002)"
t_grep "the share's redirect to a name that never resolves: a note in audit" \
    '"code":"prov-redirect","message":"device.prov.serverName redirects the phone to prov.redirect-never-answers.test: the look-up of its name did not finish in time' \
    "$(line 0004f2aa0003)"
t_grep "the redirecting phone is still audited" '"error":null' "$(line 0004f2aa0003)"
wait $show_pid
t_eq "show with a redirect to a name that never resolves ends (exit 0)" 0 $?
t_grep "the redirect is a note that its look-up ran out" \
    '^  redirect.cfg:1: note: device.prov.serverName redirects the phone to prov.redirect-never-answers.test: the look-up of its name did not finish in time, so whether that is the audited share cannot be told \[prov-redirect\]$' \
    "$(cat "$T_TMP/show.out")"
t_done
