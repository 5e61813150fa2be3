#!/bin/sh
# Benchmark 7: scan of a remote share against what an admin would run to
# copy the same files from the same server, side by side in one run:
#   HTTP: curl --parallel --parallel-immediate --parallel-max 8
#   FTP:  lftp -e "mirror --parallel=8"
# both at the default --share-jobs 8, on loopback and again through
# bench/delay.py (RTT_MS, default 20, of round trip added; see there how
# it models latency).  Called by bench/run.sh, or on its own:
#   bench/remote.sh BUILDDIR [PHONES [PHONES_RTT [FTP_PHONES_RTT]]]
# PHONES defaults to 10,000; with latency 2,000 (HTTP) and 1,000 (FTP)
# phones keep a run under a minute.  Needs curl, lftp (bench only, not in
# tools/setup.sh) and python3-pyftpdlib.
set -e
top=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "${1:-.}" && pwd)
phones=${2:-10000}
phones_rtt=${3:-2000}
ftp_rtt=${4:-1000}
rtt=${RTT_MS:-20}
runs=${RUNS:-3}
pa=$build/polyaudit
py=/usr/bin/python3
work=$(mktemp -d "${TMPDIR:-/tmp}/polyaudit-remote.XXXXXX")
trap 'for p in "$work"/*.pid; do [ -f "$p" ] && kill "$(cat "$p")" 2>/dev/null; done; rm -rf "$work"' EXIT
trap 'exit 1' INT TERM
. "$top/bench/lib.sh"
settle=ports_settle

for t in curl lftp; do
	command -v $t >/dev/null || { echo "remote.sh: needs $t (apt-get install $t)" >&2; exit 2; }
done
$py -c 'import pyftpdlib' 2>/dev/null ||
	{ echo "remote.sh: needs python3-pyftpdlib" >&2; exit 2; }

# start NAME CMD...: run a server that writes its port to $work/NAME.port;
# $port is that port.
start() {
	name=$1; shift
	"$@" >/dev/null 2>&1 &
	echo $! >"$work/$name.pid"
	n=0
	while [ ! -s "$work/$name.port" ]; do
		n=$((n + 1)); [ $n -lt 200 ] || { echo "remote.sh: $name did not start" >&2; exit 2; }
		sleep 0.1
	done
	port=$(cat "$work/$name.port")
}

# share N: a generated share of N phones with its servers; sets $dir,
# $hp, $fp (HTTP and FTP ports) and $hd, $fd (the same through the delay).
share() {
	dir=$work/s$1
	sh "$top/bench/genshare.sh" "$dir" "$1" 20 3000
	start "http$1" $py "$top/bench/httpd.py" "$dir" "$work/http$1.port"
	hp=$port
	start "ftp$1" $py "$top/bench/ftpd.py" "$dir" "$work/ftp$1.port"
	fp=$port
	start "dhttp$1" $py "$top/bench/delay.py" "$rtt" "$hp" "$work/dhttp$1.port"
	hd=$port
	start "dftp$1" $py "$top/bench/delay.py" "$rtt" "$fp" "$work/dftp$1.port" ftp
	fd=$port
	# What polyaudit fetches: every file and the two listings.
	(cd "$dir" && find . -name '*.cfg' | sed 's|^\./||') >"$work/files$1"
	echo "  $1 phones: $(wc -l <"$work/files$1") files and 2 listings per scan"
}
curlcfg() {	# curlcfg N PORT: a curl config fetching what polyaudit does
	awk -v p="$2" '{ printf "url = \"http://127.0.0.1:%s/%s\"\noutput = \"/dev/null\"\n", p, $0 }
	    END { printf "url = \"http://127.0.0.1:%s/\"\noutput = \"/dev/null\"\n", p
		  printf "url = \"http://127.0.0.1:%s/overrides/\"\noutput = \"/dev/null\"\n", p }' \
	    "$work/files$1" >"$work/curl$1.$2"
	echo "$work/curl$1.$2"
}
curl_all() { echo "curl -s --parallel --parallel-immediate --parallel-max 8 -K $(curlcfg "$1" "$2")"; }
lftp_all() { echo "rm -rf $work/m; lftp -e 'set net:max-retries 2; mirror --parallel=8 / $work/m; quit' ftp://127.0.0.1:$1"; }
scan() { echo "$pa scan --share $1 --format json"; }

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "7. remote scan vs the same files fetched by curl / lftp ($runs runs each, alternating)"
share "$phones"
check=$(eval "$(scan "http://127.0.0.1:$hp/")" 2>/dev/null | md5sum)
[ "$check" = "$($pa scan --share "$dir" --format json 2>/dev/null | md5sum)" ] ||
	echo "  WARNING: the HTTP scan differs from the local one"
echo " HTTP, loopback:"
versus "polyaudit scan http:// ($phones phones)" "curl --parallel-max 8 (same files)" \
    "$(scan "http://127.0.0.1:$hp/")" "$(curl_all "$phones" "$hp")"
echo " FTP, loopback:"
versus "polyaudit scan ftp:// ($phones phones)" "lftp mirror --parallel=8 (same files)" \
    "$(scan "ftp://127.0.0.1:$fp/")" "$(lftp_all "$fp")"
if [ "$phones_rtt" -gt 0 ]; then
	[ "$phones_rtt" = "$phones" ] || share "$phones_rtt"
	echo " HTTP, $rtt ms round trip added (bench/delay.py):"
	versus "polyaudit scan http:// ($phones_rtt phones)" "curl --parallel-max 8 (same files)" \
	    "$(scan "http://127.0.0.1:$hd/")" "$(curl_all "$phones_rtt" "$hd")"
fi
if [ "$ftp_rtt" -gt 0 ]; then
	[ "$ftp_rtt" = "$phones_rtt" ] || share "$ftp_rtt"
	echo " FTP, $rtt ms round trip added (bench/delay.py, data connections too):"
	versus "polyaudit scan ftp:// ($ftp_rtt phones)" "lftp mirror --parallel=8 (same files)" \
	    "$(scan "ftp://127.0.0.1:$fd/")" "$(lftp_all "$fd")"
fi
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
