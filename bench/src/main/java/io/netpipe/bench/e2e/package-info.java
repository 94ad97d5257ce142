/**
 * The end-to-end benchmark: netpipe and udpcast side by side on the network-namespace lab of {@code bench/lab.sh},
 * same topology, same file, tools interleaved, medians of several runs, written as a table, CSV and a PNG chart.
 * Run it with {@code bench/e2e.sh} (as root).
 */
package io.netpipe.bench.e2e;
