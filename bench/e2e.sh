#!/usr/bin/env bash
# End-to-end benchmark: netpipe against udpcast on the network-namespace lab (bench/lab.sh), as root.
# Builds what is missing, then runs io.netpipe.bench.e2e.EndToEnd; options: bench/e2e.sh --help.
# Results: bench/results/e2e-<mode>.{md,csv,png} and e2e-<mode>-runs.csv (every single run).
set -euo pipefail
home=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
: "${JAVA_HOME:=/usr/lib/jvm/temurin-25-jdk-amd64}"
export JAVA_HOME
if [ ! -f "$home/bench/target/benchmarks.jar" ] || [ ! -f "$home/cli/target/netpipe.jar" ]; then
  (cd "$home" && mvn -q -B -ntp -DskipTests package)
fi
exec "$JAVA_HOME/bin/java" -Dnetpipe.home="$home" -cp "$home/bench/target/benchmarks.jar" \
  io.netpipe.bench.e2e.EndToEnd "$@"
