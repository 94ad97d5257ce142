#!/usr/bin/env bash
# How long N netpipe receivers take to be ready in the lab: starts `netpipe recv` in each of the lab's first N
# receiver namespaces at once (as a lab's clients boot) and prints the seconds until every one has bound the data
# port, then stops them. Run as root in a lab made by `bench/lab.sh up N` (same NPLAB_PREFIX); the JVMs' start-up
# is what it measures, so compare e.g. `bench/lab-ready.sh 16` with `NETPIPE_AOT=off bench/lab-ready.sh 16`.
#   bench/lab-ready.sh N [PORT]     prints: "N receivers ready in S s (CPU s per receiver: C)"
set -euo pipefail
home=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
n=${1:?usage: lab-ready.sh N [PORT]}
port=${2:-9000}
prefix=${NPLAB_PREFIX:-nplab}
hex=$(printf ':%04X ' "$port")
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT
start=$(date +%s.%N)
for i in $(seq 1 "$n"); do
  ip netns exec "$prefix-rx$i" "$home/bin/netpipe" recv --port "$port" --timeout 120s -q >/dev/null 2>&1 &
  pids+=($!)
done
# ip netns exec execs the launcher, which execs java: each pid is its receiver's JVM, alone in its namespace.
for i in $(seq 1 "$n"); do
  pid=${pids[$((i - 1))]}
  until grep -q "$hex" "/proc/$pid/net/udp" 2>/dev/null; do
    kill -0 "$pid" 2>/dev/null || { echo "lab-ready: receiver $i exited before binding port $port" >&2; exit 1; }
    sleep 0.01
  done
done
end=$(date +%s.%N)
ticks=$(getconf CLK_TCK)
cpu=0
for pid in "${pids[@]}"; do
  read -r -a stat < <(sed 's/.*) //' "/proc/$pid/stat")
  cpu=$((cpu + stat[11] + stat[12]))
done
printf '%d receivers ready in %.1f s (CPU s per receiver: %.2f)\n' "$n" "$(echo "$end - $start" | bc)" \
  "$(echo "scale=3; $cpu / $ticks / $n" | bc)"
