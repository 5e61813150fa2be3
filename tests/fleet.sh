#!/bin/sh
# A fleet audit of 100 simulated phones on a generated share, failing ones
# included: every JSON line, the fleet summary, the exit status, the
# inventory diagnostics, what the simulator saw, and the progress line.
. "$SRCDIR/tests/lib.sh"

N=100
SIM=$BUILDDIR/tests/phonesim
share=$T_TMP/share
sh "$SRCDIR/bench/genshare.sh" "$share" "$N" 2 8

# Phone i has MAC 0004f2 + i (hex) and runs what genshare.sh gives it,
# except: i % 5 == 3 has a local reg.1.label (drift), i % 25 == 4 a web
# feature.f01.p00000.value (drift), i % 20 == 7 a firmware without
# feature.f02.p00007.value (not-on-phone).  Five phones fail; a sixth
# (index N, in the inventory only) has nothing listening.
BUSY=5 BADPW=15 GARBAGE=25 DISABLED=35 DEFPW=45
awk -v n="$N" -v busy=$BUSY -v badpw=$BADPW -v garbage=$GARBAGE \
    -v disabled=$DISABLED -v defpw=$DEFPW 'BEGIN {
	auth[0] = "basic"; auth[1] = "digest"; auth[2] = "both"
	print "{\"phones\": ["
	for (i = 0; i < n; i++) {
		mac = sprintf("0004f2%06x", i)
		printf "%s{\"mac\":\"%s\",\"model\":\"VVX 450\",\"shape\":\"%s\"", \
		    i ? ",\n" : "", mac, i % 2 ? "v2" : "v1"
		printf ",\"auth\":\"%s\",\"password\":\"%s\"", auth[i % 3], \
		    i == badpw ? "not-the-one" : "fleet-pw"
		if (i == busy) printf ",\"faults\":{\"busy_n\":100}"
		if (i == garbage) printf ",\"faults\":{\"garbage\":true}"
		if (i == disabled) printf ",\"faults\":{\"api_disabled\":true}"
		if (i == defpw) printf ",\"faults\":{\"default_password\":true}"
		if (i % 20 == 7) printf ",\"unknown\":[\"feature.f02.p00007.value\"]"
		printf ",\"params\":{"
		for (f = 1; f <= 2; f++)
			for (p = 0; p < 8; p++) {
				if (f == 2 && p == 7 && i % 20 == 7) continue
				v = (p * 7 + f) % 100; src = "config"
				if (f == 1 && p == 0 && i % 25 == 4) { v = 99; src = "web" }
				printf "\"feature.f%02d.p%05d.value\":{\"Value\":\"%d\",\"Source\":\"%s\"},", f, p, v, src
			}
		printf "\"reg.1.address\":{\"Value\":\"%s@example.com\",\"Source\":\"config\"}", mac
		if (i % 5 == 3)
			printf ",\"reg.1.label\":{\"Value\":\"Front desk\",\"Source\":\"local\"}"
		else
			printf ",\"reg.1.label\":{\"Value\":\"Phone %d\",\"Source\":\"config\"}", i
		printf ",\"reg.1.auth.usePinCredentials\":{\"Value\":\"%d\",\"Source\":\"%s\"}", \
		    i % 10 == 0 ? 0 : 1, i % 10 == 0 ? "web" : "config"
		printf ",\"dhcp.option43.override.stsUri\":{\"Value\":\"https://pool.example.com:443/CertProv/CertProvisioningService.svc\",\"Source\":\"config\"}"
		printf ",\"device.set\":{\"Value\":\"1\",\"Source\":\"device\"}"
		printf ",\"device.baseProfile\":{\"Value\":\"Lync\",\"Source\":\"device\"}"
		printf ",\"device.baseProfile.set\":{\"Value\":\"1\",\"Source\":\"device\"}"
		if (i % 10 == 1 || i % 10 == 2)
			printf ",\"voice.volume.persist.handset\":{\"Value\":\"1\",\"Source\":\"local\"}"
		printf "}}"
	}
	print "\n]}"
}' >"$T_TMP/fleet.json"

"$SIM" --ports-file "$T_TMP/ports" --log "$T_TMP/sim.log" --max-seconds 300 \
    "$T_TMP/fleet.json" >/dev/null 2>"$T_TMP/sim.err" &
echo $! >"$T_TMP/sim.pid"
t_until 10 test -s "$T_TMP/ports"
t_eq "simulator serves $N phones" "$N" "$(wc -l <"$T_TMP/ports" | tr -d ' ')"

# Inventory: every phone, the MAC on even lines, a model on some.
awk -v n="$N" '{
	printf "127.0.0.1:%s", $2
	if ($1 % 2 == 0) printf " 0004f2%06x", $1
	if ($1 % 4 == 0) printf " VVX450"
	print ""
} END { printf "127.0.0.1:1 0004f2%06x\n", n }' "$T_TMP/ports" >"$T_TMP/inv"
port() { awk -v i="$1" '$1 == i { print $2 }' "$T_TMP/ports"; }

POLYAUDIT_PASSWORD=fleet-pw; export POLYAUDIT_PASSWORD
# The busy phone is asked again after 50, 100 and 200 ms, not 2, 4 and 8 s.
POLYAUDIT_BUSY_MS=50; export POLYAUDIT_BUSY_MS
audit() { "$POLYAUDIT" audit --share "$share" --scheme http --format json "$@"; }

# One line per phone: host, MAC, error or "-", and match/drift/not-on-phone/
# phone-only/error counts.
digest() {
	sed -n 's/^{"phone":{"host":"\([^"]*\)","mac":\("[^"]*"\|null\).*"error":\("\([^"\\]\|\\.\)*"\|null\).*"summary":{"match":\([0-9]*\),"drift":\([0-9]*\),"not-on-phone":\([0-9]*\),"phone-only":\([0-9]*\),"error":\([0-9]*\)}.*/\1 \2 \5 \6 \7 \8 \9 \3/p' |
	    sed 's/"//g' | sort
}

t_run "fleet audit of $((N + 1)) phones, some drifting or failing" 1 \
    audit --inventory "$T_TMP/inv" --jobs 16
t_json "fleet audit, JSON Lines" audit
out=$T_OUT err=$T_ERR
t_eq "one JSON line per phone" "$((N + 1))" "$(printf '%s\n' "$out" | grep -c '^{"phone":')"
t_eq "nothing else on stdout" "$((N + 1))" "$(printf '%s\n' "$out" | wc -l | tr -d ' ')"
t_eq "every phone once" "$((N + 1))" \
    "$(printf '%s\n' "$out" | sed -n 's/^{"phone":{"host":"\([^"]*\)".*/\1/p' | sort -u | wc -l | tr -d ' ')"

# What each working phone must report: 23 names (24 with the phone-UI
# override of i % 10 == 1 or 2).
awk -v n="$N" -v fail=" $BUSY $BADPW $GARBAGE $DISABLED $DEFPW " '{
	i = $1
	if (index(fail, " " i " ")) next
	names = 23 + (i % 10 == 1 || i % 10 == 2)
	drift = (i % 5 == 3) + (i % 25 == 4); nop = (i % 20 == 7)
	printf "127.0.0.1:%s 0004f2%06x %d %d %d 0 0 null\n", $2, i,
	    names - drift - nop, drift, nop
}' "$T_TMP/ports" | sort >"$T_TMP/want"
printf '%s\n' "$out" | digest | grep ' null$' >"$T_TMP/got"
if diff -u "$T_TMP/want" "$T_TMP/got" >"$T_TMP/diff"; then
	t_ok "verdict counts of all $((N - 5)) audited phones"
else
	t_fail "verdict counts of all $((N - 5)) audited phones" "$(head -n 30 "$T_TMP/diff")"
fi

# The failures, each with its own error and no results.
line() { printf '%s\n' "$out" | grep "^{\"phone\":{\"host\":\"127.0.0.1:$1\""; }
t_grep "busy phone gives up after the client's 4 tries" \
    '"error":"(GET|POST) /api/v1/mgmt/[a-z/]+: phone still busy \((HTTP 403|Status 4001)\) after 4 tries"' "$(line "$(port $BUSY)")"
t_grep "wrong password: 401, not retried" \
    '"error":"GET /api/v1/mgmt/device/info: HTTP 401: login refused for user Polycom \(not retried' "$(line "$(port $BADPW)")"
t_grep "garbage body is a protocol error" \
    '"error":"GET /api/v1/mgmt/device/info: [^"]+"' "$(line "$(port $GARBAGE)")"
t_grep "API disabled: 404 on device/info" \
    '"error":"GET /api/v1/mgmt/device/info: HTTP 404: REST API disabled' "$(line "$(port $DISABLED)")"
t_grep "default password: Status 4010" \
    '"error":"GET /api/v1/mgmt/device/info: Status 4010: the phone refuses REST while the default admin password is set' \
    "$(line "$(port $DEFPW)")"
t_grep "nothing listening: connection refused" \
    '"error":"GET /api/v1/mgmt/device/info: (Failed to connect|Couldn.t connect)[^"]*"' "$(line 1)"
t_eq "failed phones carry no results" 6 \
    "$(printf '%s\n' "$out" | grep -v '"error":null' | grep -c '"results":\[\]')"

# Summary: 66 match; 20 + 4 + 5 drift (label, feature, not-on-phone); 6 failed.
t_grep "fleet summary counts" '^Fleet: 101 phones: 66 matched, 29 drifted, 6 failed$' "$err"
t_eq "most common drift first" "20 reg.1.label|4 feature.f01.p00000.value" \
    "$(printf '%s\n' "$err" | sed -n '/^Fleet:/,$p' | awk '/^ / { printf "%s%s %s", s, $1, $2; s = "|" }')"
t_eq "exactly two drifting parameters listed" 2 \
    "$(printf '%s\n' "$err" | sed -n '/^Fleet:/,$p' | grep -c '^ ')"
t_nogrep "no progress on a pipe" 'phones, [0-9]+ failed|ETA' "$err"
t_eq "no carriage return on a pipe" 0 "$(printf '%s' "$err" | tr -cd '\r' | wc -c | tr -d ' ')"

# What the phones saw: one request at a time (a second one in flight is
# answered 403 by the simulator), at most 20 names per config/get.
log=$(cat "$T_TMP/sim.log")
t_eq "no phone saw two requests at once (no 403 but busy/default-password)" "" \
    "$(printf '%s\n' "$log" | awk -v b=$BUSY -v d=$DEFPW '/code=403/ && $1 != b && $1 != d')"
t_eq "busy phone: exactly 4 authenticated tries" 4 \
    "$(printf '%s\n' "$log" | awk -v b=$BUSY '$1 == b && $4 !~ /auth=none/' | wc -l | tr -d ' ')"
t_eq "busy phone: answers alternate 403 and Status 4001 (none overlapped)" "403 200 403 200" \
    "$(printf '%s\n' "$log" | awk -v b=$BUSY '$1 == b && $4 !~ /auth=none/ { sub("code=", "", $5); printf "%s%s", s, $5; s = " " }')"
t_eq "no config/get carried more than 20 names" "" \
    "$(printf '%s\n' "$log" | awk '/config\/get/ { sub("names=", "", $6); if ($6 + 0 > 20) print }')"
t_grep "names are batched: full batches of 20" 'config/get auth=[a-z]+ code=200 names=20$' "$log"
t_eq "one successful config/get of the rest per phone" "$((N - 5))" \
    "$(printf '%s\n' "$log" | grep -cE 'config/get auth=[a-z]+ code=200 names=[34]$')"
t_nogrep "only the three read endpoints" '^[0-9]+ (PUT|DELETE|PATCH)|POST /api/v1/mgmt/(safeRestart|config/set)' "$log"

for bad in 0 x 60001; do
	t_run "POLYAUDIT_BUSY_MS=$bad: refused" 2 env POLYAUDIT_BUSY_MS=$bad \
	    "$POLYAUDIT" audit --share "$share" --phone "127.0.0.1:$(port 0)"
	t_grep "POLYAUDIT_BUSY_MS=$bad: said" \
	    '^polyaudit: POLYAUDIT_BUSY_MS: want milliseconds, 1 to 60000$' "$T_ERR"
done

# Exit 2 only when no phone could be audited.
for i in $BADPW $GARBAGE $DISABLED $DEFPW; do echo "127.0.0.1:$(port $i)"; done >"$T_TMP/inv.bad"
echo "127.0.0.1:1" >>"$T_TMP/inv.bad"
t_run "no phone audited: exit 2" 2 audit --inventory "$T_TMP/inv.bad"
t_json "fleet audit, no phone audited" audit
t_grep "... with the summary" '^Fleet: 5 phones: 0 matched, 0 drifted, 5 failed$' "$T_ERR"
t_eq "... and a line per phone" 5 "$(printf '%s\n' "$T_OUT" | grep -c '"error":"')"

# Inventory syntax: bad lines are reported with their number and skipped;
# comments and blank lines are ignored.
cat >"$T_TMP/inv.mixed" <<EOF
# fleet, first floor

127.0.0.1:$(port 0) 0004f2000000   # reception
127.0.0.1:70000
127.0.0.1:$(port 1) 00:04:f2:00:00
	# indented comment
127.0.0.1:$(port 2) 0004f2000002 VVX450 extra
::1
[::1]junk
127.0.0.1:$(port 6) 00-04-F2-00-00-06 VVX450
EOF
t_run "all listed phones match: exit 0" 0 audit --inventory "$T_TMP/inv.mixed"
t_json "fleet audit, all match" audit
t_eq "two phones audited" 2 "$(printf '%s\n' "$T_OUT" | grep -c '"error":null')"
t_grep "bad port reported with its line" "inv.mixed:4: warning: port must be a number from 1 to 65535; line skipped" "$T_ERR"
t_grep "bad MAC reported with its line" "inv.mixed:5: warning: bad MAC address; line skipped" "$T_ERR"
t_grep "too many fields reported with its line" "inv.mixed:7: warning: too many fields: want host\[:port\] \[mac\] \[model\]; line skipped" "$T_ERR"
t_grep "IPv6 without brackets reported with its line" "inv.mixed:8: warning: IPv6 addresses must be written in brackets" "$T_ERR"
t_grep "junk after ] reported with its line" "inv.mixed:9: warning: junk after '\]'; line skipped" "$T_ERR"
t_eq "nothing but the bad lines reported" 5 "$(printf '%s\n' "$T_ERR" | grep -c 'inv.mixed:')"
t_grep "summary of the clean run" '^Fleet: 2 phones: 2 matched, 0 drifted, 0 failed$' "$T_ERR"

printf '# from stdin\n127.0.0.1:%s\n\nbad:port:1\n127.0.0.1:%s 0004f2000008\n' \
    "$(port 9)" "$(port 8)" >"$T_TMP/inv.stdin"
t_run "inventory from stdin, one phone drifting: exit 1" 1 \
    sh -c '"$0" audit --share "$1" --scheme http --format json --inventory - <"$2"' \
    "$POLYAUDIT" "$share" "$T_TMP/inv.stdin"
t_grep "stdin lines are numbered too" '\(stdin\):4: warning: IPv6 addresses must be written in brackets' "$T_ERR"
t_grep "stdin summary" '^Fleet: 2 phones: 1 matched, 1 drifted, 0 failed$' "$T_ERR"

# Progress: on a terminal only.
if ! command -v script >/dev/null 2>&1; then
	echo "ok $((T_N + 1)) # SKIP progress on a TTY: script(1) from util-linux is not installed"
	T_N=$((T_N + 1))
elif ! script -qec 'test -t 2' /dev/null </dev/null >/dev/null 2>&1; then
	echo "ok $((T_N + 1)) # SKIP progress on a TTY: script(1) cannot allocate a pseudo-terminal here"
	T_N=$((T_N + 1))
else
	head -n 3 "$T_TMP/inv.mixed" >"$T_TMP/inv.tty"
	echo "127.0.0.1:$(port 1)" >>"$T_TMP/inv.tty"
	script -qec "\"$POLYAUDIT\" audit --share \"$share\" --scheme http --format json --inventory \"$T_TMP/inv.tty\"" \
	    /dev/null </dev/null >"$T_TMP/tty.out" 2>&1
	t_eq "on a TTY: exit status kept" 0 "$?"
	tty=$(tr '\r\033' '\n~' <"$T_TMP/tty.out")
	t_grep "on a TTY: progress with count, failures and rate" '^~\[K[12]/2 phones, 0 failed, [0-9.]+/s' "$tty"
	t_grep "on a TTY: the progress line is erased before the summary" '^~\[KFleet: 2 phones: 2 matched' "$tty"
fi
t_done
