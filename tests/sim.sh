# Shared by the tests that talk to tests/phonesim; source after lib.sh.
SIM=$BUILDDIR/tests/phonesim

# sim_start NAME FIXTURE: start a simulator, its ports in $T_TMP/NAME.ports
# ("index port" lines), its request log in $T_TMP/NAME.log.
sim_start() {
	"$SIM" --ports-file "$T_TMP/$1.ports" --log "$T_TMP/$1.log" \
	    --max-seconds 300 "$2" >/dev/null 2>"$T_TMP/$1.simerr" &
	echo $! >"$T_TMP/$1.pid"
	t_until 10 t_up "$T_TMP/$1.ports" "$T_TMP/$1.pid"
	[ -f "$T_TMP/$1.ports" ] || { cat "$T_TMP/$1.simerr" >&2; return 1; }
}

# sim_port NAME INDEX: the port of phone INDEX.
sim_port() {
	awk -v i="$2" '$1 == i { print $2 }' "$T_TMP/$1.ports"
}

# sim_log NAME INDEX: the log lines of phone INDEX.
sim_log() {
	awk -v i="$2" '$1 == i' "$T_TMP/$1.log"
}
