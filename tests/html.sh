#!/bin/sh
# --format html: the pages are opened in one headless Chromium (Debian
# package chromium) by tests/html_check.py: one row and one section per
# phone, values escaped, no request but the page itself, no script run,
# an SVG chart; screenshots of the samples' scan and audit are kept.
. "$SRCDIR/tests/lib.sh"
SAMPLES=$SRCDIR/samples
SOURCE_DATE_EPOCH=1764547200; export SOURCE_DATE_EPOCH
PW='html-Adm1n-pw'
POLYAUDIT_PASSWORD=$PW; export POLYAUDIT_PASSWORD
P=$T_TMP/pages
PY=/usr/bin/python3	# not a version manager's shim: a start costs 1 s there
mkdir "$P"

command -v chromium >/dev/null ||
	t_fail "chromium is installed" "apt-get install chromium (tools/setup.sh does)"

# page NAME RC ARGS...: polyaudit ARGS --format html --output $P/NAME.html
page() {
	_n=$1 _rc=$2; shift 2
	t_run "$_n" "$_rc" "$POLYAUDIT" "$@" --format html --output "$P/$_n.html"
	t_eq "$_n: nothing on stdout" "" "$T_OUT"
}

page scan 0 scan --share "$SAMPLES"
page scan-pin 1 scan --share "$SAMPLES" --check pin
page show 1 show --share "$SAMPLES" --mac 0004f2aa0001 --all

# diff: the share with PIN sign-in switched off in lync.cfg.
cp -r "$SAMPLES" "$T_TMP/new"
sed -i 's/reg.1.auth.usePinCredentials="1"/reg.1.auth.usePinCredentials="0"/' "$T_TMP/new/lync.cfg"
page diff 1 diff "$SAMPLES" "$T_TMP/new"
changed=$("$POLYAUDIT" diff --format csv "$SAMPLES" "$T_TMP/new" 2>/dev/null | tail -n +2 | cut -d, -f1 | sort -u | wc -l)

t_demo_phone "$PW"
printf '127.0.0.1:%s\n127.0.0.1:1\n' "$PORT" >"$T_TMP/inv"
page audit 1 audit --share "$SAMPLES" --scheme http --inventory "$T_TMP/inv"

# A hostile share: markup in values, in a file name and in a model, and a
# URL a careless page would fetch; a listener counts what reaches it.
"$PY" -c '
import socket, sys
s = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen(8)
print(s.getsockname()[1], flush=True)
s.settimeout(60)
n = 0
try:
    while True:
        c, _ = s.accept(); n += 1; c.close()
        open(sys.argv[1], "w").write(str(n))
except OSError:
    pass
' "$T_TMP/hits" >"$T_TMP/lport" &
echo $! >"$T_TMP/listen.pid"
t_until 10 test -s "$T_TMP/lport"
LP=$(cat "$T_TMP/lport")
H=$T_TMP/hostile
mkdir -p "$H"
printf '<PHONE_CONFIG><ALL reg.1.label="&lt;script&gt;window.pwned=1&lt;/script&gt;" reg.1.displayName="&lt;img src=http://127.0.0.1:%s/img onerror=window.pwned=1&gt;" reg.1.auth.usePinCredentials="1&quot;&gt;&lt;b&gt;bold&lt;/b&gt;" reg.1.address="x&#9;y"/></PHONE_CONFIG>\n' "$LP" >"$H/<i>x.cfg"
printf '<APPLICATION APP_FILE_PATH="sip.ld" CONFIG_FILES="&lt;i&gt;x.cfg, &lt;link rel=stylesheet href=http://127.0.0.1:%s/css&gt;.cfg"/>\n' "$LP" >"$H/0004f2000001.cfg"
cp "$H/0004f2000001.cfg" "$H/0004f2000002.cfg"
page hostile 0 scan --share "$H" --param reg.1.label --param reg.1.displayName \
    --param reg.1.auth.usePinCredentials --param reg.1.address

if "$PY" "$SRCDIR/tests/html_check.py" "$P" "$P/scan.html" "$P/scan-pin.html" \
    "$P/show.html" "$P/audit.html" "$P/hostile.html" "$P/diff.html" 2>"$T_TMP/chromium.err"; then
	t_ok "chromium opened every page"
else
	t_fail "chromium opened every page" "$(cat "$T_TMP/chromium.err")"
fi

# Each check: NAME, PAGE, WANT, and a Python expression over the page's
# facts f; one python3 evaluates them all (an interpreter start is slow).
cat >"$T_TMP/checks" <<EOF
$(for pg in scan scan-pin show audit hostile diff; do
printf '%s\t%s\t%s\t%s\n' \
    "$pg: no request besides the page" $pg "[]" 'f["requests"]' \
    "$pg: no script element, no script run" $pg "(0, False, [])" 'f["scripts"], f["pwned"], f["exceptions"]' \
    "$pg: nothing refers outside the page" $pg "[]" 'f["external"]'
[ $pg = diff ] || printf '%s\t%s\t%s\t%s\n' \
    "$pg: the summary comes first" $pg True 'f["text"].index("Findings by severity") < f["text"].index("Phone ")'
done)
diff: the summary comes first	diff	True	f["text"].index("Changes per parameter") < f["text"].index("Phone ")
diff: one row and one section per changed phone	diff	($changed, $changed)	f["phoneRows"], f["phoneSections"]
diff: the transition, phones and cause	diff	True	"reg.1.auth.usePinCredentials\t1\t0\t$changed\tlync.cfg:6 edited" in f["text"]
diff: both winners with file:line	diff	True	"1\nlync.cfg:6\t0\nlync.cfg:6\tlync.cfg:6 edited" in f["text"]
scan: one row and one section per phone	scan	(3, 3)	f["phoneRows"], f["phoneSections"]
scan: the drift chart is an inline SVG	scan	True	f["svgs"] >= 1 and f["svgBars"] > 4
scan: PIN readiness per value and winning file	scan	True	"usePinCredentials\t0\tweb-override files\t1\t\n\t1\tlync.cfg\t2" in f["text"]
scan: file:line provenance and shadowed values	scan	True	"overrides/0004f2aa0001-web.cfg:6\nshadows 1 from lync.cfg:6" in f["text"]
scan --check pin: a verdict per phone	scan-pin	3	f["phoneRows"]
scan --check pin: the verdict and the reason	scan-pin	True	"0004f2aa0001\tno\treg.1.auth.usePinCredentials" in f["text"]
show: one phone	show	(1, 1)	f["phoneRows"], f["phoneSections"]
audit: one row and one section per phone	audit	(2, 2)	f["phoneRows"], f["phoneSections"]
audit: the values, file:line, the phone's source and the reason	audit	True	"reg.1.label\tdrift\tReception\tFront desk\t0004f2aa0001-line.cfg:4 / local\n\twhy: set on the phone" in f["text"]
audit: the dead phone failed	audit	True	"127.0.0.1:1\t?\t?\tfailed" in f["text"]
hostile: one row per phone	hostile	2	f["phoneRows"]
hostile: <script> in a value shows as text	hostile	True	"<script>window.pwned=1</script>" in f["text"]
hostile: <img> in a value shows as text	hostile	True	"<img src=http://127.0.0.1:$LP/img onerror=window.pwned=1>" in f["text"]
hostile: markup in a file name shows as text	hostile	True	"<i>x.cfg" in f["text"]
hostile: no element from share content	hostile	[]	[e for e in f["elements"] if e in ("script", "img", "link", "i", "b", "iframe")]
hostile: a tab is shown, not swallowed	hostile	True	"x\\\\ty" in f["text"]
EOF
"$PY" -c 'import json, sys
for line in open(sys.argv[1]):
    name, page, want, expr = line.rstrip("\n").split("\t", 3)
    try:
        f = json.load(open(sys.argv[2] + "/" + page + ".json"))
        got = str(eval(expr))
    except Exception as e:
        got = "error: %r" % e
    print(got.replace("\n", " "))' "$T_TMP/checks" "$P" >"$T_TMP/got"
while IFS='	' read -r name page want expr && read -r got <&3; do
	t_eq "$name" "$want" "$got"
done <"$T_TMP/checks" 3<"$T_TMP/got"
t_eq "hostile: the listener got no connection" "" "$(cat "$T_TMP/hits" 2>/dev/null)"

# The screenshots are what a person sees: kept for doc/ by hand.
for pg in scan audit; do
	if [ "$(head -c 8 "$P/$pg.png" | od -An -c | tr -d ' ')" = '211PNG\r\n032\n' ]; then
		t_ok "$pg: a screenshot"
	else t_fail "$pg: a screenshot"; fi
done
[ -n "$HTML_SHOTS" ] && cp "$P"/*.png "$P"/*.html "$P"/*.json "$HTML_SHOTS"/
t_done
