#!/bin/sh
# Benchmark sink: consumes stdin and records when the first byte arrived, when end of file came, and how many bytes
# arrived ("T0_NS T1_NS BYTES" in $1). Timing from the first byte leaves out each method's setup (JVM start, ssh
# login), so the numbers compare how fast the data itself moves.
out=$1
head -c 1 >/dev/null            # GNU head -c reads exactly what it is asked for: nothing else is consumed
t0=$(date +%s%N)
rest=$(wc -c)
t1=$(date +%s%N)
echo "$t0 $t1 $((rest + 1))" > "$out"
