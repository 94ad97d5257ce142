#!/usr/bin/env bash
# What one receiver costs: a loopback broadcast transfer at a fixed rate, the receiver under `perf stat`, which
# prints its CPU time and context switches (needs linux-perf). Receiver CPU per byte is what limits a lab of many
# receivers on few cores, so this is the number to watch when touching the receive path; compare two builds by
# passing each one's launcher.
#
# Usage: bench/recv-cpu.sh [--rate 12M] [--size 128M] [--netpipe PATH/bin/netpipe]
set -euo pipefail
home=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
rate=12M
size=128M
receiver="$home/bin/netpipe"
while [ $# -gt 0 ]; do
  case "$1" in
    --rate) rate=$2; shift 2 ;;
    --size) size=$2; shift 2 ;;
    --netpipe) receiver=$2; shift 2 ;;
    *) echo "usage: $0 [--rate 12M] [--size 128M] [--netpipe PATH/bin/netpipe]" >&2; exit 2 ;;
  esac
done
command -v perf >/dev/null || { echo "recv-cpu: needs perf (apt-get install linux-perf)" >&2; exit 1; }
work=$(mktemp -d /tmp/netpipe-recv-cpu.XXXXXX)
trap 'rm -rf "$work"' EXIT
head -c "$size" /dev/urandom > "$work/data"
port=$((30000 + RANDOM % 20000))
perf stat -x, -e context-switches,task-clock -o "$work/perf" "$receiver" recv --port "$port" -o /dev/null -q &
rx=$!
# The sender waits for its receiver (-n 1), so the receiver's start-up does not race it.
"$home/bin/netpipe" send -n 1 --dest 127.255.255.255 --port "$port" --rate "$rate" -q "$work/data"
wait "$rx"
awk -F, -v size="$size" -v rate="$rate" '
  /task-clock/ { cpu = $1 / 1000 }
  /context-switches/ { cs = $1 }
  END { printf "receiver, %s at %s/s on loopback: %.2f CPU s, %d context switches\n", size, rate, cpu, cs }' "$work/perf"
