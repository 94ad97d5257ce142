/**
 * JMH microbenchmarks of netpipe's hot paths: frame encode + CRC, decode + verify, the reader-to-sender ring hand-off
 * and the receive window's bookkeeping, each next to a baseline measured in the same run. Run them all with
 * {@code bench/jmh.sh} (a short default configuration; JMH options pass through).
 */
package io.netpipe.bench.jmh;
