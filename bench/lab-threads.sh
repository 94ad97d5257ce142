#!/usr/bin/env bash
# Where a receiver's CPU goes, by thread: the network thread (the JVM's main thread, `java`), the writer (SHA-256
# and the output), the JIT's compiler threads, the rest. One run per transport listed, interleaved, on a lab of its
# own with 1% random loss on every receiver; `perf record -a` samples every CPU while the sender runs, and each
# receiver process's samples are summed by thread name. A receiver's wall-clock CPU (user + system) does not say
# whether a change cost steady-state work or compile time; on a lab of N receivers sharing the machine's cores the
# two move throughput alike. Needs root and perf (apt-get install linux-perf).
#
#   bench/lab-threads.sh N SIZE RUNS TRANSPORT[@TREE]...   e.g. bench/lab-threads.sh 8 512M 3 nio linux
#
# TRANSPORT@TREE runs another build (a netpipe checkout built with mvn package) on both ends, so two builds compare
# in one invocation: bench/lab-threads.sh 8 256M 5 nio@/tmp/before nio.
# Prints, per run: MB/s from the sender's summary and the mean CPU seconds per receiver of each thread: a thread's
# samples over the sampling rate (a CPU running it is sampled 499 times a second; an idle one is not sampled
# reliably, so shares of all samples would overstate busy threads). Receivers start before the sampling, so their
# JVM start-up is not in the figures; compare transports within one invocation.
# Multicast to 239.255.91.91 inside the lab's own namespaces only; the lab is removed on exit, even on failure.
set -uo pipefail
[ $# -ge 4 ] || { sed -n '2,17p' "$0" >&2; exit 2; }
n=$1; size=$2; runs=$3; shift 3
home=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
command -v perf >/dev/null || { echo "lab-threads: needs perf (apt-get install linux-perf)" >&2; exit 1; }
for run_as in "$@"; do
  # Checked before the lab goes up: a mistyped tree would otherwise stop the script after the first runs.
  case $run_as in *@*) [ -x "${run_as#*@}/bin/netpipe" ] || { echo "lab-threads: no ${run_as#*@}/bin/netpipe" >&2; exit 2; } ;; esac
done
export NPLAB_PREFIX=${NPLAB_PREFIX:-npthr} NPLAB_NET=${NPLAB_NET:-10.213.97}
lab=$home/bench/lab.sh
work=$(mktemp -d)
trap '"$lab" down >/dev/null 2>&1; rm -rf "$work"' EXIT
"$lab" up "$n" >/dev/null || exit 1
"$lab" loss all 10
head -c "$size" /dev/urandom > "$work/in"
hz=499
for run in $(seq 1 "$runs"); do
  for run_as in "$@"; do
    transport=${run_as%%@*} tree=$home
    [ "$transport" = "$run_as" ] || tree=${run_as#*@}
    pids=()
    for i in $(seq 1 "$n"); do
      # ip netns exec and bin/netpipe both exec: $! is the receiver's JVM.
      ip netns exec "$NPLAB_PREFIX-rx$i" "$tree/bin/netpipe" recv --port 9000 --timeout 120s -q \
        --transport "$transport" -o /dev/null 2> "$work/err.$i" &
      pids+=($!)
    done
    for i in $(seq 1 "$n"); do
      "$lab" bound "rx$i" 9000 || exit 1
    done
    perf record -q -a -F "$hz" -o "$work/perf.data" -- ip netns exec "$NPLAB_PREFIX-tx" "$tree/bin/netpipe" send \
      -n "$n" --dest 239.255.91.91 --port 9000 "$work/in" 2> "$work/err.tx"
    failed=""
    for i in $(seq 1 "$n"); do
      wait "${pids[$((i - 1))]}" || failed="$failed rx$i: exit $?"
    done
    summary=$(tail -n 1 "$work/err.tx")
    # perf script prints "COMM PID/TID" per sample; COMM may contain spaces ("C2 CompilerThre").
    threads=$(perf script -i "$work/perf.data" -F comm,pid,tid 2>/dev/null | awk -v rx=" ${pids[*]} " \
      -v n="$n" -v hz="$hz" '
      NF >= 2 { split($NF, id, "/"); if (index(rx, " " id[1] " ") == 0) next
                $NF = ""; sub(/ +$/, ""); by[$0]++ }
      END { for (t in by) if (by[t] / hz / n >= 0.01) printf "%.2f %s\n", by[t] / hz / n, t }' | sort -rn |
      awk '{v = $1; sub(/^[^ ]+ /, ""); printf "%s%s %s", sep, $0, v; sep = ", "; sum += v}
           END {printf " (sum %.2f)", sum}')
    echo "$run_as run $run: $(grep -o '([0-9.]* MB/s)' <<<"$summary"), CPU s per receiver: $threads${failed:+, FAILED:$failed}"
  done
done
