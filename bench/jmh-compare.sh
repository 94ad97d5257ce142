#!/usr/bin/env bash
# Runs the same JMH benchmarks on this build and on another checkout (built), alternating per benchmark, so both
# see the same machine: bench/jmh-compare.sh BASELINE_DIR [BENCHMARK_PATTERN...].
# Default: FrameCodec, ReceiveWindow and RingHandOff, 1 fork, 2 x 1 s warm-up, 3 x 1 s measured.
set -euo pipefail
home=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
if [ $# -lt 1 ] || [ ! -f "$1/bench/target/benchmarks.jar" ]; then
  echo "usage: bench/jmh-compare.sh BASELINE_DIR [BENCHMARK_PATTERN...] (BASELINE_DIR/bench/target/benchmarks.jar must exist)" >&2
  exit 2
fi
baseline=$(cd "$1" && pwd)
shift
: "${JAVA_HOME:=/usr/lib/jvm/temurin-25-jdk-amd64}"
if [ ! -f "$home/bench/target/benchmarks.jar" ]; then
  (cd "$home" && mvn -q -B -ntp -DskipTests package)
fi
patterns=("$@")
[ ${#patterns[@]} -gt 0 ] || patterns=(FrameCodec ReceiveWindow RingHandOff)
for p in "${patterns[@]}"; do
  for build in "$baseline" "$home"; do
    echo "== $p in $build"
    "$JAVA_HOME/bin/java" -jar "$build/bench/target/benchmarks.jar" -f 1 -wi 2 -w 1 -i 3 -r 1 "$p" 2>&1 |
      sed -n '/^Benchmark/,$p'
  done
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
