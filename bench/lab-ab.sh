#!/usr/bin/env bash
# A quick A/B of netpipe builds on the lab (bench/lab.sh): the same random stream sent by each build in turn, runs
# interleaved, every receiver's SHA-256 and exit status checked. One line per run: MB/s from the sender's summary,
# CPU seconds (user + system) of the sender and per receiver (the receiver's includes its sha256sum), retransmitted,
# feedback as a share of the data datagrams (the sender's own counts), and when the receivers had the whole stream:
# seconds from the sender's start to the last receiver's exit, and with loss on one receiver that one apart from
# the others (issue 14: one lossy receiver may cost the clean ones no more than the lag its credit allows).
# For the full comparison with tables, udpcast and the quiet-machine wait, use bench/e2e.sh --baseline DIR.
#
#   bench/lab-ab.sh N SIZE LOSS RUNS "SENDOPTS" "RECVOPTS" TREE...
#     N receivers, SIZE bytes, LOSS none | all:PERMILLE | one:PERMILLE (on receiver 1), RUNS rounds over the TREEs
#     (each a netpipe checkout built with mvn package); e.g.
#   bench/lab-ab.sh 1 268435456 one:50 4 "" "" /tmp/old-netpipe .
#
# Multicast to 239.255.90.90 inside the lab's own namespaces only; the lab is removed on exit, even on failure.
set -uo pipefail
[ $# -ge 7 ] || { sed -n '2,12p' "$0" >&2; exit 2; }
n=$1; size=$2; loss=$3; runs=$4; sopts=$5; ropts=$6; shift 6
here=$(cd "$(dirname "$0")" && pwd)
export NPLAB_PREFIX=${NPLAB_PREFIX:-npab} NPLAB_NET=${NPLAB_NET:-10.213.98}
lab=$here/lab.sh
work=$(mktemp -d)
trap '"$lab" down >/dev/null 2>&1; rm -rf "$work"' EXIT
"$lab" up "$n" >/dev/null || exit 1
case $loss in
  all:*) "$lab" loss all "${loss#all:}" ;;
  one:*) "$lab" loss rx1 "${loss#one:}" ;;
  none) ;;
  *) echo "lab-ab: LOSS is none, all:PERMILLE or one:PERMILLE" >&2; exit 2 ;;
esac
# When the receivers finished, in seconds from the sender's start: the last, or with loss on one receiver that one
# and the last of the others.
finish() {
  local i t first=0 clean=0 all=0
  for i in $(seq 1 "$n"); do
    t=$(awk -v s="$1" '{printf "%.2f", $1 - s}' "$work/end.$i")
    all=$(awk -v a="$all" -v t="$t" 'BEGIN {print (t > a) ? t : a}')
    if [ "$i" = 1 ]; then first=$t; else clean=$(awk -v a="$clean" -v t="$t" 'BEGIN {print (t > a) ? t : a}'); fi
  done
  case $loss in
    one:*) echo "receivers done: rx1 (lossy) at $first s, the others by $clean s" ;;
    *) echo "all receivers done by $all s" ;;
  esac
}
head -c "$size" /dev/urandom > "$work/in"
want=$(sha256sum < "$work/in" | cut -c1-64)
for run in $(seq 1 "$runs"); do
  for tree in "$@"; do
    tree=$(cd "$tree" && pwd)
    pids=()
    for i in $(seq 1 "$n"); do
      # shellcheck disable=SC2086
      ip netns exec "$NPLAB_PREFIX-rx$i" /usr/bin/time -f "%U %S" -o "$work/cpu.$i" bash -c \
        "\"$tree/bin/netpipe\" recv --port 9000 --timeout 300s -q $ropts 2> \"$work/err.$i\" | sha256sum |
         cut -c1-64 > \"$work/sha.$i\"; status=\${PIPESTATUS[0]}; date +%s.%N > \"$work/end.$i\"; exit \$status" &
      pids+=($!)
    done
    for i in $(seq 1 "$n"); do
      "$lab" bound "rx$i" 9000 || exit 1
    done
    start=$(date +%s.%N)
    # shellcheck disable=SC2086
    ip netns exec "$NPLAB_PREFIX-tx" /usr/bin/time -f "%U %S" -o "$work/cpu.tx" \
      "$tree/bin/netpipe" send -n "$n" --dest 239.255.90.90 --port 9000 $sopts "$work/in" 2> "$work/err.tx"
    failed=""
    for i in $(seq 1 "$n"); do
      wait "${pids[$((i - 1))]}" || failed="$failed rx$i: exit $? ($(head -c 200 "$work/err.$i"))"
      [ "$(cat "$work/sha.$i")" = "$want" ] || failed="$failed rx$i: output differs"
    done
    summary=$(tail -n 1 "$work/err.tx")
    echo "${tree##*/} run $run: $(grep -o '([0-9.]* MB/s)' <<<"$summary") tx $(awk '{printf "%.2f", $1 + $2}' \
      "$work/cpu.tx") cpu-s, rx $(cat "$work"/cpu.[0-9]* | awk '{u += $1 + $2; c++} END {printf "%.2f", u / c}') \
cpu-s each, $(grep -o 'retransmitted [0-9.]*%' <<<"$summary"), $(grep -o 'feedback [0-9.]*%' <<<"$summary") of data, \
$(finish "$start")${failed:+, FAILED:$failed}"
  done
done
