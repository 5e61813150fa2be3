#!/bin/sh
# --record and history end to end on a real SQLite file: the schema and
# its version, only changes stored, history and --first-drift, secrets
# never stored, two recorders at once, a recorder killed halfway, and
# recorded audits against tests/phonesim.
. "$SRCDIR/tests/lib.sh"
. "$SRCDIR/tests/sim.sh"
TZ=UTC; export TZ
S=$T_TMP/share DB=$T_TMP/h.db
cp -r "$SRCDIR/samples" "$S"
q() { sqlite3 "$DB" "$1"; }
scan() { "$POLYAUDIT" scan --share "$S" --record "$DB" "$@" >/dev/null; }

# What the scan itself reports, to hold the database against.
csv=$("$POLYAUDIT" scan --share "$S" --format csv 2>/dev/null | tail -n +2)
phones=$(printf '%s\n' "$csv" | cut -d, -f1 | sort -u | wc -l)
rows=$(printf '%s\n' "$csv" | wc -l)
lync=$(printf '%s\n' "$csv" | grep -c '^[0-9a-f]*,reg.1.auth.usePinCredentials,1,config,lync.cfg,6,')
t_run "first recorded scan" 0 scan
t_eq "schema version" 1 "$(q 'PRAGMA user_version')"
t_eq "WAL mode" wal "$(q 'PRAGMA journal_mode')"
t_eq "one run, one series" "1 1" "$(q 'SELECT COUNT(*) FROM run'; ) $(q 'SELECT COUNT(*) FROM series')"
t_eq "series names the share by its real path and command" "$(cd "$S" && pwd -P)|scan" "$(q 'SELECT share, command FROM series')"
base=$(q 'SELECT COUNT(*) FROM state')
t_eq "every row the scan reports is stored" "$rows" "$base"
t_eq "run counts its phones" "$phones" "$(q 'SELECT phones FROM run')"

t_run "same share, nothing changed" 0 scan
t_eq "nothing stored for an unchanged run" "0 $base" "$(q 'SELECT stored FROM run WHERE id = 2') $(q 'SELECT COUNT(*) FROM state')"
sed -i 's/reg.1.auth.usePinCredentials="1"/reg.1.auth.usePinCredentials="0"/' "$S/lync.cfg"
t_run "a line edited" 0 scan
# ... and one finding: the web override's "0" now equals lync.cfg's
# (redundant-override).
t_eq "only the changed values stored" "$((lync + 1)) $((base + lync))" "$(q 'SELECT stored FROM run WHERE id = 3') $(q 'SELECT COUNT(*) FROM state')"
t_eq "the old value closed at that run" "1|3" "$(q "SELECT value, until FROM state s JOIN name n ON n.id = s.name JOIN mac m ON m.id = s.mac WHERE n.name = 'reg.1.auth.usePinCredentials' AND m.mac = '0004f2aa0002' AND until IS NOT NULL")"
t_run "recorded from another directory: the same series" 0 sh -c 'cd "$1" && "$2" scan --share . --record "$3" >/dev/null' sh "$S" "$POLYAUDIT" "$DB"
t_eq "still one series" 1 "$(q 'SELECT COUNT(*) FROM series')"

t_run "history" 0 "$POLYAUDIT" history --db "$DB"
t_grep "history: when, phone, name, run" '^[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9:]{8}  0004f2aa0002  reg.1.auth.usePinCredentials  \(run 3, scan of ' "$T_OUT"
t_grep "history: from what to what, with file:line" '^    share: "1" lync.cfg:6 \(config\) -> "0" lync.cfg:6 \(config\)$' "$T_OUT"
t_eq "history: the first run is the starting point" "$((2 * lync))" "$(printf '%s\n' "$T_OUT" | wc -l)"
t_run "history --mac" 0 "$POLYAUDIT" history --db "$DB" --mac 00:04:f2:aa:00:02
t_grep "--mac: from the first run on" 'device.baseProfile  \(run 1,' "$T_OUT"
t_nogrep "--mac: only that phone" '0004f2aa0001' "$T_OUT"
t_run "history --param" 0 "$POLYAUDIT" history --db "$DB" --param device.baseProfile
t_eq "--param: no change of that name" "No changes." "$T_OUT"
t_run "history --since tomorrow" 0 "$POLYAUDIT" history --db "$DB" --since "$(date -d tomorrow +%Y-%m-%d)"
t_eq "--since: nothing later" "No changes." "$T_OUT"
t_run "history --until yesterday" 0 "$POLYAUDIT" history --db "$DB" --until "$(date -d yesterday +%Y-%m-%d)"
t_eq "--until: nothing earlier" "No changes." "$T_OUT"
t_run "history --since today --until today" 0 "$POLYAUDIT" history --db "$DB" --since "$(date +%Y-%m-%d)" --until "$(date +%Y-%m-%d)"
t_grep "a date alone takes in the whole day" 'reg.1.auth.usePinCredentials' "$T_OUT"
t_run "history JSON" 0 "$POLYAUDIT" history --db "$DB" --format json
t_json "history, JSON Lines" history
t_grep "JSON Lines" '^\{"run":3,"when":"[0-9-]{10}T[0-9:]{8}Z","share":"[^"]*","command":"scan","mac":"0004f2aa0002","name":"reg.1.auth.usePinCredentials","old":\{"value":"1","source":"config","file":"lync.cfg","line":6,' "$T_OUT"
t_run "bad date (exit 2)" 2 "$POLYAUDIT" history --db "$DB" --since yesterday
t_grep "says the form" 'give YYYY-MM-DD' "$T_ERR"
t_run "no --db (exit 2)" 2 "$POLYAUDIT" history

# Secrets: compared, never stored.
printf '<s reg.1.auth.password="Sup3r-Secr3t-pw"/>\n' >"$S/secret.cfg"
sed -i 's/CONFIG_FILES="/CONFIG_FILES="secret.cfg, /' "$S/0004f2aa0002.cfg"
t_run "scan with a secret" 0 scan --param reg.1.auth.password
t_eq "stored as ***" '***' "$(q "SELECT value FROM state s JOIN name n ON n.id = s.name WHERE n.name = 'reg.1.auth.password' AND value IS NOT NULL")"
t_nogrep "the secret is not in the file" 'Sup3r-Secr3t-pw' "$(cat "$DB" "$DB-wal" 2>/dev/null | strings)"

# Two recorders at once: both wait for the other's commit, both succeed.
cp "$DB" "$T_TMP/before.db"
runs=$(q 'SELECT COUNT(*) FROM run')
"$POLYAUDIT" scan --share "$S" --record "$DB" >/dev/null 2>"$T_TMP/r1.err" & p1=$!
"$POLYAUDIT" scan --share "$S" --record "$DB" --check pin >/dev/null 2>"$T_TMP/r2.err" & p2=$!
wait $p1; r1=$?; wait $p2; r2=$?
t_eq "two recorders at once both succeed" "0 1" "$r1 $r2"
t_eq "both runs are in" "$((runs + 2))" "$(q 'SELECT COUNT(*) FROM run')"
t_eq "no recorder complained" "" "$(cat "$T_TMP/r1.err" "$T_TMP/r2.err")"

# Schema versions: a newer one is refused, so is a file that is not one.
sqlite3 "$T_TMP/new.db" 'PRAGMA user_version = 99'
t_run "newer schema (exit 2)" 2 "$POLYAUDIT" history --db "$T_TMP/new.db"
t_grep "says it is newer" 'schema version 99 is newer than this polyaudit' "$T_ERR"
printf 'not a database, just text that is long enough to be read\n%.0s' 1 2 3 4 5 6 7 8 >"$T_TMP/text.db"
t_run "not a database (exit 2)" 2 scan --record "$T_TMP/text.db"
t_grep "says so" 'text.db' "$T_ERR"
t_run "history of no database (exit 2)" 2 "$POLYAUDIT" history --db "$T_TMP/none.db"
t_eq "history does not create one" no "$(test -e "$T_TMP/none.db" && echo yes || echo no)"

# Audits against the simulator: phone values and verdicts, --first-drift.
PW='s3cret-Adm1n-pw'; POLYAUDIT_PASSWORD=$PW; export POLYAUDIT_PASSWORD
sed "s/\"password\": \"demo-Adm1n\"/\"password\": \"$PW\"/" "$SRCDIR/samples/phones/demo.json" >"$T_TMP/p.json"
sim_start p "$T_TMP/p.json"
PORT=$(sim_port p 0)
A=$T_TMP/a.db
audit() { "$POLYAUDIT" audit --share "$SRCDIR/samples" --scheme http --phone "127.0.0.1:$PORT" --record "$A" "$@" >/dev/null; }
t_run "recorded audit of a drifting phone" 1 audit
t_eq "phone values and verdicts stored" "Front desk|local|drift" "$(sqlite3 "$A" "SELECT phone_value, phone_source, verdict FROM state s JOIN name n ON n.id = s.name WHERE n.name = 'reg.1.label'")"
t_eq "the phone itself: firmware, model" "5.9.6.2996|VVX411|ok" "$(sqlite3 "$A" "SELECT phone_value, phone_source, verdict FROM state s JOIN name n ON n.id = s.name WHERE n.name = '(phone)'")"
t_grep "findings stored" '^prov-server$' "$(sqlite3 "$A" 'SELECT code FROM finding')"
t_nogrep "no phone secret stored" "$PW|Secr3t-Reception" "$(cat "$A" "$A-wal" 2>/dev/null | strings)"
t_run "--first-drift while drifting (exit 1)" 1 "$POLYAUDIT" history --db "$A" --first-drift
t_grep "first drift and still there" '^0004f2aa0001  [0-9-]{10} [0-9:]{8}  [A-Za-z.0-9]+ / 2 values drifting since ' "$T_OUT"
t_run "audit of matching values only" 0 audit --param reg.1.auth.usePinCredentials --param reg.1.address
t_run "--first-drift after it went (exit 0)" 0 "$POLYAUDIT" history --db "$A" --first-drift --format json
t_json "history --first-drift, JSON Lines" history-drift
t_grep "no longer drifting" '^\{"mac":"0004f2aa0001","share":"[^"]*samples","first":"[0-9-]{10}T[0-9:]{8}Z","name":"[^"]*","still":false,"since":null,"drifting":0\}$' "$T_OUT"
t_run "history of the audit, JSON" 0 "$POLYAUDIT" history --db "$A" --format json
t_json "history of an audit, JSON Lines" history
t_run "history of the audit" 0 "$POLYAUDIT" history --db "$A" --param reg.1.label
t_grep "a value not recorded any more" '^    phone: "Front desk" \(local\) drift -> \(not recorded\)$' "$T_OUT"

# A recorder killed halfway: phone 0 answers, phone 1 is slow; kill -9
# once phone 0 is out.  The database is whole and the earlier runs are in.
cat >"$T_TMP/two.json" <<EOF2
{"phones": [
 {"mac": "0004f2aa0001", "model": "VVX 411", "password": "$PW", "auth": "basic", "params": {}},
 {"mac": "0004f2aa0002", "model": "VVX 411", "password": "$PW", "auth": "basic", "params": {},
  "faults": {"delay_ms": 5000}}]}
EOF2
sim_start two "$T_TMP/two.json"
printf '127.0.0.1:%s\n127.0.0.1:%s\n' "$(sim_port two 0)" "$(sim_port two 1)" >"$T_TMP/inv"
before=$(sqlite3 "$A" 'SELECT COUNT(*) FROM run')
earlier=$(sqlite3 "$A" 'SELECT COUNT(*) FROM state WHERE since = 1')
"$POLYAUDIT" audit --share "$SRCDIR/samples" --scheme http --inventory "$T_TMP/inv" \
    --record "$A" --format json >"$T_TMP/k.out" 2>/dev/null & pk=$!
audited() { grep -q '"mac":"0004f2aa0001"' "$T_TMP/k.out" 2>/dev/null; }
t_until 10 audited
t_grep "phone 0 was audited before the kill" '0004f2aa0001' "$(cat "$T_TMP/k.out")"
kill -9 $pk; wait $pk 2>/dev/null
t_eq "integrity_check after SIGKILL" ok "$(sqlite3 "$A" 'PRAGMA integrity_check')"
t_eq "no half run" "$before" "$(sqlite3 "$A" 'SELECT COUNT(*) FROM run')"
t_eq "the earlier run intact" "$earlier" "$(sqlite3 "$A" 'SELECT COUNT(*) FROM state WHERE since = 1')"
t_run "the earlier run still answers" 0 "$POLYAUDIT" history --db "$A" --mac 0004f2aa0001 --param reg.1.label
t_grep "with its values" 'phone: \(not recorded\) -> "Front desk" \(local\) drift' "$T_OUT"
t_run "and the next run records" 1 audit
t_eq "one run more" "$((before + 1))" "$(sqlite3 "$A" 'SELECT COUNT(*) FROM run')"
t_done
