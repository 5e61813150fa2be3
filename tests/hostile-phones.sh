#!/bin/sh
# Hostile phones, end to end through the real binary: a fleet where most
# phones misbehave (tests/phones/hostile.json).  Each bad phone must get a
# clear error of its own, in bounded time, and the good ones their full
# report; credentials never follow a redirect and a refused password is
# tried exactly once.
. "$SRCDIR/tests/lib.sh"
. "$SRCDIR/tests/sim.sh"
PW=Hostile-Adm1n-Pw
sim_start h "$SRCDIR/tests/phones/hostile.json" || { t_fail "simulator starts"; t_done; exit 1; }
# Phone 8 is only the redirect target: never in the inventory.
awk '$1 != 8 { printf "127.0.0.1:%s 0004f2bb%04x VVX411\n", $2, $1 }' \
    "$T_TMP/h.ports" >"$T_TMP/inv"
# The same fleet as text, from a second simulator (the request counts
# below are the JSON run's own), runs beside the JSON run: both wait out
# the drip and the hang at the same time.
sim_start h2 "$SRCDIR/tests/phones/hostile.json" || t_fail "second simulator starts"
awk '$1 != 8 { printf "127.0.0.1:%s 0004f2bb%04x VVX411\n", $2, $1 }' \
    "$T_TMP/h2.ports" >"$T_TMP/inv2"
t_bg text env POLYAUDIT_PASSWORD=$PW timeout 60 "$POLYAUDIT" audit \
    --share "$SRCDIR/samples" --inventory "$T_TMP/inv2" --scheme http \
    --timeout 3 --quiet
start=$(date +%s)
POLYAUDIT_PASSWORD=$PW t_run "fleet of hostile phones (exit 1)" 1 timeout 60 \
    "$POLYAUDIT" audit --share "$SRCDIR/samples" --inventory "$T_TMP/inv" \
    --scheme http --timeout 3 --quiet --format json
t_json "fleet of hostile phones" audit
took=$(($(date +%s) - start))
JSON=$T_OUT ERR=$T_ERR
if [ $took -le 20 ]; then t_ok "bounded time (${took}s, per-phone timeout 3s)"
else t_fail "bounded time" "took ${took}s"; fi
t_eq "one JSON line per phone" 16 "$(printf '%s\n' "$JSON" | grep -c '"phone":{"host"')"

line() {	# line INDEX: the report of phone INDEX
	printf '%s\n' "$JSON" | grep -F "\"host\":\"127.0.0.1:$(sim_port h "$1")\""
}
# expect INDEX NAME ERROR-PATTERN
expect() {
	t_grep "$2: clear per-phone error" "\"error\":\"[^\"]*$3" "$(line "$1")"
}
expect 1 "oversized body" "exceeds 1048576 bytes; aborted"
expect 2 "slow drip" "timed out"
expect 3 "invalid JSON" "invalid JSON at byte 1"
expect 4 "wrong JSON types" "ModelNumber is not a string"
expect 5 "huge strings" "ModelNumber is longer than 1024 bytes"
expect 6 "duplicate keys" "duplicate object key"
expect 7 "redirect to another phone" "HTTP 302 redirect to http://127.0.0.1:$(sim_port h 8)/[^\"]*, not followed"
expect 9 "mismatched MAC" "not the phone you named: it reports MAC 0004f2bb0000, expected 0004f2bb0009"
expect 11 "401 every time" "HTTP 401: login refused"
expect 12 "HTTP 500" "HTTP 500"
expect 13 "Status 5000" "Status 5000"
expect 14 "never answers" "(timed out|no time left|no answer)"
expect 15 "truncated body" "invalid JSON"
expect 16 "redirect to a URL with credentials" "redirect to http://user:\\*\\*\\*@198\\.51\\.100\\.7/"

# The good phones are unaffected, also phone 0 whose MAC phone 9 claims.
for i in 0 10; do
	t_grep "phone $i: full report" '"error":null.*"drift":19' "$(line $i)"
done
t_grep "phone 0: its own master" '"master":"000000000000.cfg"' "$(line 0)"

# Credentials: nothing reached the redirect target; one try on a 401.
t_eq "redirect not followed: the target saw no request" "" "$(sim_log h 8)"
t_eq "wrong password tried exactly once" 1 \
    "$(sim_log h 11 | grep -vc 'auth=none')"
t_nogrep "both challenges: Basic never sent" "auth=basic" "$(sim_log h 10)"
t_grep "both challenges: Digest used" "auth=digest code=200" "$(sim_log h 10)"
t_nogrep "no password in any output" "$PW|leak" "$JSON
$ERR"

# The same fleet as text: an ERROR line per failed phone, exit 1.
t_wait text "text report" 1
t_eq "an ERROR line per failed phone" 14 "$(t_count '^ERROR: ' "$T_OUT")"
t_grep "fleet summary counts them" "16 phones: .*2 drifted, 14 failed" "$T_OUT$T_ERR"

# One phone: the error goes to standard error, named by host.
POLYAUDIT_PASSWORD=$PW t_run "single hostile phone (exit 2)" 2 timeout 30 \
    "$POLYAUDIT" audit --share "$SRCDIR/samples" --scheme http --timeout 5 \
    --phone "127.0.0.1:$(sim_port h 12)"
t_grep "single phone: error on stderr" "127\.0\.0\.1:$(sim_port h 12): .*HTTP 500" "$T_ERR"
# A phone whose answers carry terminal escapes and line breaks: made
# visible in text and CSV (nothing reaches the terminal), exact in JSON.
sim_start e "$SRCDIR/tests/phones/escapes.json" || t_fail "second simulator starts"
ESC=$(printf '\033')
for f in text csv json; do
	POLYAUDIT_PASSWORD=$PW t_run "escaping phone, $f (exit 1)" 1 timeout 30 \
	    "$POLYAUDIT" audit --share "$SRCDIR/samples" --scheme http \
	    --timeout 5 --phone "127.0.0.1:$(sim_port e 0)" --format $f
	eval "OUT_$f=\$T_OUT"
done
t_nogrep "text: no escape byte reaches the terminal" "$ESC|$(printf '\302\233')" "$OUT_text"
t_grep "text: the model made visible" 'model VVX\\x1b\]0;pwned\\x07 411\\x1b\[2J \(files: VVX\\x1b\]0;pwned\\x07411\\x1b\[2J\), firmware 5\.9\\u009b31m' "$OUT_text"
t_grep "text: the server name made visible" 'uses: evil\\x1b\[1;1H\.example\.com \(HTTP\\t\\x7f\)$' "$OUT_text"
t_nogrep "text: no forged row" '^  reg\.2\.auth\.usePinCredentials +match' "$OUT_text"
t_grep "text: the phone value and source on the row" '^  reg\.1\.auth\.usePinCredentials +drift +"0" +"0\\n  reg\.2\.auth\.usePinCr\.\.\." .* / web\\x1b\[8m$' "$OUT_text"
t_nogrep "CSV: no escape byte" "$ESC" "$OUT_csv"
t_eq "CSV: one line per row" "$(t_count '^127\.0\.0\.1:' "$OUT_csv")" "$(($(printf '%s\n' "$OUT_csv" | wc -l) - 1))"
t_grep "CSV: the phone value in one cell" ',0\\n  reg\.2\.auth\.usePinCredentials  match,web\\x1b\[8m,drift,' "$OUT_csv"
t_grep "JSON: the exact value, escaped" '"phone_value": "0\\n  reg\.2\.auth\.usePinCredentials  match"' "$OUT_json"
t_grep "JSON: the exact source, escaped" '"phone_source": "web\\u001B\[8m"' "$OUT_json"
# Authentication discipline, counted from the simulator's log: a phone
# that answers every login with Digest stale=true gets one renewal, then
# "login refused"; one that renews once is audited; a refused phone listed
# twice is tried once.
sim_start a "$SRCDIR/tests/phones/auth.json" || t_fail "third simulator starts"
{ echo "127.0.0.1:$(sim_port a 0)"; echo "127.0.0.1:$(sim_port a 1)"
  echo "127.0.0.1:$(sim_port a 2)"; echo "127.0.0.1:$(sim_port a 2)"; } >"$T_TMP/ainv"
POLYAUDIT_PASSWORD=$PW t_run "auth fleet (exit 1)" 1 timeout 30 \
    "$POLYAUDIT" audit --share "$SRCDIR/samples" --inventory "$T_TMP/ainv" \
    --scheme http --timeout 5 --quiet --format json
refused() { sim_log a "$1" | grep -c 'auth=\(digest\|basic\|other\|present\) code=401'; }
t_eq "stale=true every time: one renewal, one refused request" 2 "$(refused 0)"
t_grep "stale=true every time: login refused" "\"host\":\"127\\.0\\.0\\.1:$(sim_port a 0)\".*\"error\":\"[^\"]*login refused for user Polycom, after one stale nonce renewal" "$T_OUT"
t_eq "stale=true once: renewed, then every request accepted" 1 "$(refused 1)"
t_grep "stale=true once: full report" "\"host\":\"127\\.0\\.0\\.1:$(sim_port a 1)\".*\"error\":null" "$T_OUT"
t_eq "refused phone listed twice: one refused request in the run" 1 "$(refused 2)"
t_eq "refused phone listed twice: both lines fail" 2 "$(t_count "\"host\":\"127\\.0\\.0\\.1:$(sim_port a 2)\".*login refused" "$T_OUT")"
t_done
