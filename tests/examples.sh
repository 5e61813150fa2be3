#!/bin/sh
# The systemd and cron examples of examples/ (installed by the package in
# /usr/share/doc/polyaudit/examples) do what they say: their commands,
# with the build's binary, the samples and a temporary directory put in
# for the installed paths, write an OpenMetrics file promtool accepts.
. "$SRCDIR/tests/lib.sh"
EX=$SRCDIR/examples
SAMPLES=$SRCDIR/samples
TEXTFILE=/var/lib/prometheus/node-exporter

# here CMD: CMD with this build's paths for the installed ones.
here() {
	printf '%s\n' "$1" | sed "s|/usr/bin/polyaudit|$POLYAUDIT|; s|/srv/polycom|$SAMPLES|; s|$TEXTFILE/|$T_TMP/|g; s|/etc/polyaudit/|$T_TMP/|g"
}
# textfile NAME FILE: FILE is a complete OpenMetrics report.
textfile() {
	if m=$(promtool check metrics <"$2" 2>&1); then t_ok "$1: promtool check metrics"
	else t_fail "$1: promtool check metrics" "$m"; fi
	t_grep "$1: a complete report" '^# EOF$' "$(tail -n 1 "$2")"
}

svc=$(sed -n 's/^ExecStart=//p' "$EX/polyaudit-scan.service")
t_grep "service: a scan writing an OpenMetrics textfile" \
    "^/usr/bin/polyaudit scan .*--format openmetrics --output $TEXTFILE/[a-z-]+\\.prom\$" "$svc"
t_grep "service: findings (exit 1) are not a failure" '^SuccessExitStatus=1$' "$(cat "$EX/polyaudit-scan.service")"
t_grep "service: writes only the textfile directory" "^ReadWritePaths=$TEXTFILE\$" "$(cat "$EX/polyaudit-scan.service")"
t_run "service: its command" 0 sh -c "$(here "$svc")"
textfile "service" "$T_TMP/polyaudit.prom"
n=$("$POLYAUDIT" scan --share "$SAMPLES" --format json 2>/dev/null | wc -l)
t_grep "service: the share's $n phones counted" "^polyaudit_scan_phones $n\$" "$(cat "$T_TMP/polyaudit.prom")"
t_grep "timer: nightly" '^OnCalendar=\*-\*-\* 02:30:00$' "$(cat "$EX/polyaudit-scan.timer")"
t_grep "timer: starts the service of its name" '^WantedBy=timers.target$' "$(cat "$EX/polyaudit-scan.timer")"
# verify wants ExecStart's binary to exist: it checks copies naming ours.
mkdir -p "$T_TMP/units"
here "$(cat "$EX/polyaudit-scan.service")" >"$T_TMP/units/polyaudit-scan.service"
cp "$EX/polyaudit-scan.timer" "$T_TMP/units/"
t_run "systemd-analyze verify (package systemd)" 0 systemd-analyze verify --man=no \
    "$T_TMP/units/polyaudit-scan.service" "$T_TMP/units/polyaudit-scan.timer"

# cron: "m h dom mon dow user command"; the audit line is commented out.
cron=$(grep -E '^[0-9]' "$EX/polyaudit.cron")
t_eq "cron: one active line" 1 "$(printf '%s\n' "$cron" | wc -l)"
t_grep "cron: nightly, as root" '^[0-9]+ [0-9]+ \* \* \* root /usr/bin/polyaudit scan ' "$cron"
rm -f "$T_TMP/polyaudit.prom"
t_run "cron: the scan line" 0 sh -c "$(here "$(printf '%s\n' "$cron" | cut -d' ' -f7-)")"
textfile "cron scan" "$T_TMP/polyaudit.prom"
audit=$(sed -n 's/^#\([0-9].* root \)/\1/p' "$EX/polyaudit.cron" | cut -d' ' -f7-)
t_grep "cron: the audit line writes a textfile" "^/usr/bin/polyaudit audit .*--format openmetrics --output $TEXTFILE/" "$audit"
# Its options are accepted: the one phone does not answer (exit 2, not a
# usage error) and the report says so.
echo 127.0.0.1:1 >"$T_TMP/phones.txt"
echo pw >"$T_TMP/password"
cp "$SRCDIR/samples/phones/demo.json" "$T_TMP/poly-ca.pem"
t_run "cron: the audit line, no phone answering" 2 sh -c "$(here "$audit")"
t_nogrep "cron: audit options accepted" "Try 'polyaudit --help'" "$T_ERR"
t_done
