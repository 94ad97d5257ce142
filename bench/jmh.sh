#!/usr/bin/env bash
# JMH microbenchmarks: frame encode + CRC, decode + verify, ring hand-off, receive-window bookkeeping.
# Short default run (1 fork, 2x1 s warm-up, 3x1 s measured per benchmark); any JMH option overrides it,
# e.g. bench/jmh.sh -f 3 -i 10 FrameCodec. Builds the jar if it is missing.
set -euo pipefail
home=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
: "${JAVA_HOME:=/usr/lib/jvm/temurin-25-jdk-amd64}"
export JAVA_HOME
if [ ! -f "$home/bench/target/benchmarks.jar" ]; then
  (cd "$home" && mvn -q -B -ntp -DskipTests package)
fi
exec "$JAVA_HOME/bin/java" -jar "$home/bench/target/benchmarks.jar" "$@"
