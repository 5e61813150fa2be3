#!/bin/sh
# What stops a phone before any parameter matters, against real servers
# on 127.0.0.1 (tests/remote_srv.py): a provisioning redirect to another
# server or to the audited one.
. "$SRCDIR/tests/lib.sh"

ROOT=$T_TMP/root

# prov SERVERNAME [DEVICE.SET]: the share's device.cfg sends phones there.
prov() {
	cat >"$ROOT/device.cfg" <<EOT
<?xml version="1.0"?>
<deviceConfig device.set="${2:-1}" device.prov.serverName.set="1"
  device.prov.serverName="$1"
  device.prov.password.set="1" device.prov.password="Prov-Pa55-never"/>
EOT
}

mkdir -p "$ROOT"
cat >"$ROOT/000000000000.cfg" <<'EOF2'
<?xml version="1.0"?>
<APPLICATION CONFIG_FILES="device.cfg"/>
EOF2
t_start http /usr/bin/python3 "$SRCDIR/tests/remote_srv.py" http "$ROOT" \
    "$T_TMP/http.port"
P=$(cat "$T_TMP/http.port" 2>/dev/null)
S="http://127.0.0.1:$P/"

prov "http://127.0.0.1:$P/"
t_run "redirect to the audited share itself" 0 "$POLYAUDIT" show --share "$S" --mac 0004f2000001 --param device.set
t_nogrep "the share itself: no prov-redirect" 'prov-redirect' "$T_OUT$T_ERR"
prov "http://localhost:$P"
t_run "the share by another name" 0 "$POLYAUDIT" show --share "$S" --mac 0004f2000001 --param device.set
t_nogrep "localhost is 127.0.0.1: no prov-redirect" 'prov-redirect' "$T_OUT$T_ERR"

prov "ftp://bob:Hunter2-url@10.9.9.9/prov"
t_run "redirect to another server" 1 "$POLYAUDIT" show --share "$S" --mac 0004f2000001 --param device.set
t_grep "prov-redirect warning with file:line and the target" \
    '^  device.cfg:3: warning: device.prov.serverName redirects the phone with password \*\*\*: the phone provisions from ftp://bob:\*\*\*@10.9.9.9/prov, not from the audited share http://127.0.0.1:[0-9]+/ \(type ftp, not http; host 10.9.9.9, not 127.0.0.1; port 21, not [0-9]+; path /prov, not /\).* \[prov-redirect\]$' "$T_OUT"
t_run "redirect, JSON" 1 "$POLYAUDIT" show --share "$S" --mac 0004f2000001 --param device.set --format json
t_grep "prov-redirect in JSON" '"severity": "warning", *"code": "prov-redirect", *"message": "device.prov.serverName redirects the phone with password \*\*\*: the phone provisions from ftp://bob:\*\*\*@10.9.9.9/prov, not from' "$(printf '%s' "$T_OUT" | tr -d '\n')"
t_nogrep "no password in any output" 'Hunter2-url|Prov-Pa55-never' "$T_OUT$T_ERR"

prov "ftp://10.9.9.9/prov" 0
t_run "device.set 0: not applied, no redirect" 0 "$POLYAUDIT" show --share "$S" --mac 0004f2000001 --param device.set
t_nogrep "gated off: no prov-redirect" 'prov-redirect' "$T_OUT$T_ERR"

# device.prov.serverType alone: the known server, another protocol.
# stype TYPE [TYPE.SET]: the share's device.cfg sets only the type.
stype() {
	cat >"$ROOT/device.cfg" <<EOT
<?xml version="1.0"?>
<deviceConfig device.set="1" device.prov.serverType.set="${2:-1}"
  device.prov.serverType="$1"/>
EOT
}
stype 3
t_run "serverType alone, another protocol" 1 "$POLYAUDIT" show --share "$S" --mac 0004f2000001 --param device.set
t_grep "serverType-only prov-redirect names the protocols and file:line" \
    '^  device.cfg:3: warning: device.prov.serverType sets the protocol HTTPS and no device.prov.serverName applies: the phone asks the server it knows over HTTPS, not over http as the audited share http://127.0.0.1:[0-9]+/ is read \[prov-redirect\]$' "$T_OUT"
stype HTTP
t_run "serverType alone, the share's protocol" 0 "$POLYAUDIT" show --share "$S" --mac 0004f2000001 --param device.set
t_nogrep "the share's protocol: no prov-redirect" 'prov-redirect' "$T_OUT$T_ERR"
stype 3 0
t_run "serverType gated off" 0 "$POLYAUDIT" show --share "$S" --mac 0004f2000001 --param device.set
t_nogrep "serverType gated off: no prov-redirect" 'prov-redirect' "$T_OUT$T_ERR"
stype FTPS
t_run "serverType alone, a directory share" 0 "$POLYAUDIT" show --share "$ROOT" --mac 0004f2000001 --param device.set
t_grep "a directory: a note" '^  device.cfg:3: note: device.prov.serverType sets the protocol FTPS and no device.prov.serverName applies: .*cannot be told \[prov-redirect\]$' "$T_OUT"
t_done
