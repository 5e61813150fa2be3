#!/bin/sh
# The README's first command ends with the demo: it must run and make the
# cause of the missing PIN sign-in obvious.
. "$SRCDIR/tests/lib.sh"
t_run "demo runs" 0 sh "$SRCDIR/tools/demo-run.sh" "$BUILDDIR"
t_grep "demo names the culprit file" \
    'reg.1.auth.usePinCredentials +"0" +web-override +overrides/0004f2aa0001-web.cfg:6' "$T_OUT"
t_grep "demo shows the shadowed site-wide value" 'shadows "1" from lync.cfg:6' "$T_OUT"
t_grep "demo shows the phone on the default master" 'master 000000000000.cfg' "$T_OUT"
t_grep "demo audits the simulated phone" 'reg.1.auth.usePinCredentials +match +"0" +"0" +overrides/0004f2aa0001-web.cfg:6 / web' "$T_OUT"
t_grep "demo explains a drift" 'why: the phone did not apply the file' "$T_OUT"
t_grep "demo shows the phone whose firmware is missing" '0004f2aa0005.cfg:5: warning: APP_FILE_PATH names 3111-46157-002.sip.ld, which is not on the share.*\[firmware-missing\]' "$T_OUT"
t_grep "demo shows a proven log line" '0004f2aa0001-app.log:3: warning: .*upload error.*\[log-upload-failed\]' "$T_OUT"
t_nogrep "demo leaks no password" 'Secr3t|Prov-Pa55|demo-Adm1n' "$T_OUT"
t_done
