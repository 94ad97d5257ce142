#!/usr/bin/env bash
# Allocation proof: one real send/recv over loopback broadcast (127.255.255.255, nothing leaves the host), both
# JVMs under JFR, then io.netpipe.bench.alloc.AllocationProfile prints what each thread allocated in the steady
# state (while the receiver's output grew from 30% to 90% of the stream, sampled every 0.1 s): bytes per thread and
# per data datagram, and the sampled allocation sites.
# JFR samples allocations when a thread takes a new TLAB; a 2 KB TLAB makes even a few bytes a second show up.
# Usage: bench/alloc.sh [--size 512M] [--transport auto|linux|nio] [--port 19410]
set -euo pipefail
home=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
: "${JAVA_HOME:=/usr/lib/jvm/temurin-25-jdk-amd64}"
export JAVA_HOME
size=512M transport=auto port=19410
while [ $# -gt 0 ]; do
  case "$1" in
    --size) size=$2; shift 2 ;;
    --transport) transport=$2; shift 2 ;;
    --port) port=$2; shift 2 ;;
    *) echo "usage: bench/alloc.sh [--size 512M] [--transport auto|linux|nio] [--port 19410]" >&2; exit 2 ;;
  esac
done
if [ ! -f "$home/bench/target/benchmarks.jar" ] || [ ! -f "$home/cli/target/netpipe.jar" ]; then
  (cd "$home" && mvn -q -B -ntp -DskipTests package)
fi
work=$(mktemp -d)
rx_pid=
cleanup() { [ -n "$rx_pid" ] && kill "$rx_pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
head -c "$size" /dev/urandom >"$work/data"
jfr="${NETPIPE_JAVA_OPTS:-} -XX:TLABSize=2k -XX:-ResizeTLAB -Xlog:jfr+startup=off -XX:StartFlightRecording=settings=profile"
jfr+=",jdk.ObjectAllocationSample#throttle=off,jdk.ThreadAllocationStatistics#period=1s,filename="
NETPIPE_JAVA_OPTS="${jfr}$work/rx.jfr" "$home/bin/netpipe" recv --port "$port" --transport "$transport" \
  --timeout 60s -o "$work/out" 2>"$work/rx.err" &
rx_pid=$!
# Ready when its socket is bound, not after a guess.
for _ in $(seq 600); do [ -n "$(ss -Huln "sport = :$port")" ] && break; sleep 0.1; done
total=$(stat -c %s "$work/data")
( while kill -0 "$rx_pid" 2>/dev/null; do echo "$(date +%s%3N) $(stat -c %s "$work/out" 2>/dev/null || echo 0)"
    sleep 0.1; done >"$work/progress" ) &
NETPIPE_JAVA_OPTS="${jfr}$work/tx.jfr" "$home/bin/netpipe" send -n 1 --dest 127.255.255.255 --port "$port" \
  --transport "$transport" "$work/data" 2>"$work/tx.err"
wait "$rx_pid"
rx_pid=
cmp -s "$work/data" "$work/out" || { echo "alloc.sh: the received stream differs" >&2; exit 1; }
tail -n 1 "$work/tx.err"
wait
from=$(awk -v t=$((total * 3 / 10)) '$2 >= t { print $1; exit }' "$work/progress")
to=$(awk -v t=$((total * 9 / 10)) '$2 >= t { print $1; exit }' "$work/progress")
packets=$(( (total + 1451) / 1452 ))
"$JAVA_HOME/bin/java" -cp "$home/bench/target/benchmarks.jar" io.netpipe.bench.alloc.AllocationProfile \
  "$work/tx.jfr" "$work/rx.jfr" "$from" "$to" $((packets * 6 / 10))
