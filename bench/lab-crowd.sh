#!/usr/bin/env bash
# A crowd starting at once, as root: N lab receivers (bench/lab.sh) started together, the sender as soon as every one
# has bound the data port, one run. Unlike bench/lab-ab.sh the receivers run without -q, so each one's stderr says
# what it did (joined, gave up on a silent sender, took the session back); everything is kept in OUTDIR.
#
#   bench/lab-crowd.sh TREE N SIZE PERMILLE OUTDIR
#     TREE a netpipe checkout built with mvn package, N receivers (1..64), SIZE bytes of random data, PERMILLE of the
#     datagrams arriving at every receiver dropped (0: none); e.g. bench/lab-crowd.sh . 64 33554432 10 /tmp/crowd
#
# OUTDIR gets err.tx, err.1 .. err.N and summary (one line per receiver: exit status, output equal or not); the last
# line printed is how many receivers exited 0 with the sender's exact stream. Multicast to 239.255.90.90 inside the
# lab's own namespaces only; the lab is removed on exit, even on failure.
set -uo pipefail
[ $# -eq 5 ] || { sed -n '2,12p' "$0" >&2; exit 2; }
tree=$(cd "$1" && pwd); n=$2; size=$3; loss=$4; out=$5
here=$(cd "$(dirname "$0")" && pwd)
export NPLAB_PREFIX=${NPLAB_PREFIX:-npcrowd} NPLAB_NET=${NPLAB_NET:-10.213.97}
lab=$here/lab.sh
mkdir -p "$out"
trap '"$lab" down >/dev/null 2>&1' EXIT
"$lab" up "$n" >/dev/null || exit 1
[ "$loss" = 0 ] || "$lab" loss all "$loss"
head -c "$size" /dev/urandom > "$out/in"
want=$(sha256sum < "$out/in" | cut -c1-64)
pids=()
for i in $(seq 1 "$n"); do
  ip netns exec "$NPLAB_PREFIX-rx$i" bash -c "\"$tree/bin/netpipe\" recv --port 9000 --timeout 300s \
    2> \"$out/err.$i\" | sha256sum | cut -c1-64 > \"$out/sha.$i\"; exit \${PIPESTATUS[0]}" &
  pids+=($!)
done
for i in $(seq 1 "$n"); do
  "$lab" bound "rx$i" 9000 || exit 1
done
echo "lab-crowd: all $n receivers bound at $(date +%T)"
ip netns exec "$NPLAB_PREFIX-tx" "$tree/bin/netpipe" send -v -n "$n" --dest 239.255.90.90 --port 9000 "$out/in" \
  2> "$out/err.tx"
echo "lab-crowd: sender exit $? at $(date +%T): $(tr '\r' '\n' < "$out/err.tx" | grep '^netpipe send: sent ' | tail -n 1)"
for i in $(seq 1 "$n"); do
  wait "${pids[$((i - 1))]}"; rc=$?
  [ "$(cat "$out/sha.$i")" = "$want" ] && same=equal || same=differs
  echo "rx$i exit $rc output $same"
done > "$out/summary"
rm -f "$out/in" "$out"/sha.*
echo "lab-crowd: $(grep -c ' exit 0 output equal' "$out/summary") of $n receivers served"
