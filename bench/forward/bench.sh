#!/usr/bin/env bash
# Benchmarks `netpipe forward` against `socat TCP-LISTEN:P1,bind=127.0.0.1,reuseaddr,fork TCP:127.0.0.1:P2` on
# loopback:
#   (a) one stream of SIZE bytes (default 1G): `head -c SIZE /dev/zero | nc -N` into the relay, relayed to an
#       `nc -l` sink; the time ends when the source exits, which is after the sink has read everything;
#   (b) sequential connections per second: connect, send 5 bytes, half-close, read the echo (ConnectLoop.java),
#       relayed to the same Java echo backend for every tool (EchoServer.java).
# With --splice, a third relay takes part: SpliceRelay.java, the splice(2)-through-FFM prototype netpipe was
# compared against (see the README).
# Runs are interleaved (the order rotates every run) after one unrecorded warm-up each; prints medians and the
# netpipe/socat ratio (above 1: netpipe is faster, or uses less CPU). The relays' CPU time (user + system, socat's
# forked children included) is measured too: it is steadier than wall time on a busy machine.
# Usage: bench/forward/bench.sh [--size 1G] [--conns 2000] [--runs 5] [--splice]
# Needs: a built jar (mvn -q -DskipTests package), socat, netcat-openbsd, JDK 25. Loopback only.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
size=1G conns=2000 runs=5 warmup_conns=200
tools=(netpipe socat)
while [ $# -gt 0 ]; do
  case "$1" in
    --size) size=$2; shift 2 ;;
    --conns) conns=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --splice) tools+=(splice); shift ;;
    *) echo "usage: $0 [--size 1G] [--conns N] [--runs N] [--splice]" >&2; exit 2 ;;
  esac
done
: "${JAVA_HOME:=/usr/lib/jvm/temurin-25-jdk-amd64}"
java="$JAVA_HOME/bin/java"
for tool in socat nc ss numfmt "$java"; do
  command -v "$tool" >/dev/null || { echo "bench: $tool is missing" >&2; exit 1; }
done
[ -f "$root/cli/target/netpipe.jar" ] || { echo "bench: build first: mvn -q -DskipTests package" >&2; exit 1; }

work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Free loopback ports below the ephemeral range, skipping any in use (no subshell: the counter must advance).
used=" $(ss -Htan | awk '{print $4}' | sed 's/.*://' | sort -u | tr '\n' ' ') "
candidate=$((20000 + RANDOM % 10000))
ports=()
while [ ${#ports[@]} -lt $((2 + 2 * ${#tools[@]})) ]; do
  case "$used" in *" $candidate "*) ;; *) ports+=("$candidate") ;; esac
  candidate=$((candidate + 1))
done
sink_port=${ports[0]} echo_port=${ports[1]}

await_listen() { # port
  for _ in $(seq 1 200); do
    ss -Hltn "sport = :$1" | grep -q . && return 0
    sleep 0.05
  done
  echo "bench: nothing listens on $1" >&2; exit 1
}
median() { sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
now_ns() { date +%s%N; }
tck=$(getconf CLK_TCK)
# CPU time of a relay in ms: its own plus that of its reaped children (socat's forked relays).
cpu_ms() { awk -v t="$tck" '{printf "%d\n", ($14 + $15 + $16 + $17) * 1000 / t}' "/proc/$1/stat"; }

declare -A relay_port relay_pid
start_relay() { # key tool listen-port backend-port
  case "$2" in
    netpipe) "$root/bin/netpipe" forward "$3" "127.0.0.1:$4" 2>>"$work/netpipe.err" & ;;
    socat) socat "TCP-LISTEN:$3,bind=127.0.0.1,reuseaddr,fork" "TCP:127.0.0.1:$4" 2>>"$work/socat.err" & ;;
    splice) "$java" --enable-native-access=ALL-UNNAMED "$here/SpliceRelay.java" "$3" "$4" 2>>"$work/splice.err" & ;;
  esac
  pids+=($!); relay_pid[$1]=$! relay_port[$1]=$3
}

stream_once() { # relay-port -> seconds
  nc -l 127.0.0.1 "$sink_port" >/dev/null </dev/null & local sink=$!
  await_listen "$sink_port"
  local t0; t0=$(now_ns)
  # Bounded: a stuck relay fails the run instead of hanging the benchmark.
  if ! head -c "$size" /dev/zero | timeout 120 nc -N 127.0.0.1 "$1" >/dev/null || ! wait "$sink"; then
    echo "bench: the stream through port $1 failed" >&2; kill "$sink" 2>/dev/null; exit 1
  fi
  awk -v ns=$(( $(now_ns) - t0 )) 'BEGIN {printf "%.3f\n", ns / 1e9}'
}

conns_once() { # relay-port -> connections/s
  timeout 300 "$java" "$here/ConnectLoop.java" 127.0.0.1 "$1" "$conns" "$warmup_conns"
}

# measure KIND FUNCTION UNIT: the warm-ups, then the interleaved runs; records value and relay CPU per run.
measure() {
  local kind=$1 fn=$2 unit=$3 tool key value c0
  for tool in "${tools[@]}"; do "$fn" "${relay_port[$kind-$tool]}" >/dev/null; done
  for r in $(seq 1 "$runs"); do
    local order=("${tools[@]:r % ${#tools[@]}}" "${tools[@]:0:r % ${#tools[@]}}")
    for tool in "${order[@]}"; do
      key=$kind-$tool
      c0=$(cpu_ms "${relay_pid[$key]}")
      value=$("$fn" "${relay_port[$key]}")
      sleep 0.2 # socat reaps its children on SIGCHLD
      echo "$value" >>"$work/$key"
      echo $(( $(cpu_ms "${relay_pid[$key]}") - c0 )) >>"$work/$key.cpu"
      echo "  $kind run $r $tool: $value $unit, relay CPU $(tail -1 "$work/$key.cpu") ms" >&2
    done
  done
}

echo "bench: ${tools[*]}: $size stream and $conns sequential connections, $runs interleaved runs each" >&2
"$java" "$here/EchoServer.java" "$echo_port" & pids+=($!)
i=2
for tool in "${tools[@]}"; do
  start_relay "stream-$tool" "$tool" "${ports[i]}" "$sink_port"
  start_relay "conns-$tool" "$tool" "${ports[i + 1]}" "$echo_port"
  i=$((i + 2))
done
for p in "${ports[@]:1}"; do await_listen "$p"; done

measure stream stream_once s
measure conns conns_once /s

bytes=$(numfmt --from=iec "$size")
m() { median <"$work/$1"; }
row() { # label format scale kind suffix ratio(inverse|direct)
  local label=$1 fmt=$2 kind=$3 suffix=$4 how=$5 tool line="| $1 |"
  for tool in "${tools[@]}"; do line+=" $(awk -v v="$(m "$kind-$tool$suffix")" -v b="$bytes" "BEGIN {$fmt}") |"; done
  local n s; n=$(m "$kind-netpipe$suffix") s=$(m "$kind-socat$suffix")
  line+=" $(awk -v n="$n" -v s="$s" -v how="$how" 'BEGIN {printf "%.2fx", how == "direct" ? n / s : s / n}') |"
  echo "$line"
}
echo
header="| median of $runs |" rule="|---|"
for tool in "${tools[@]}"; do
  case "$tool" in netpipe) header+=" netpipe forward |" ;; socat) header+=" socat fork |" ;; splice) header+=" splice prototype |" ;; esac
  rule+="---|"
done
echo "$header netpipe vs socat |"; echo "$rule---|"
row "$size stream, wall" 'printf "%.2f s (%.0f MB/s)", v, b / v / 1e6' stream "" inverse
row "sequential connections" 'printf "%.0f /s", v' conns "" direct
row "relay CPU, $size stream" 'printf "%.2f s", v / 1000' stream .cpu inverse
row "relay CPU, 1000 connections" "printf \"%.2f s\", v / $((conns + warmup_conns))" conns .cpu inverse
for tool in "${tools[@]}"; do
  if [ -s "$work/$tool.err" ]; then echo "bench: $tool printed:" >&2; head -5 "$work/$tool.err" >&2; fi
done
