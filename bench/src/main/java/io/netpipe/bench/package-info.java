/** JMH microbenchmarks and the end-to-end benchmark driver. */
package io.netpipe.bench;
