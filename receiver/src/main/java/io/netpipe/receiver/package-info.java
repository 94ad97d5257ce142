/** The receiving side of a replication session: reassembly, loss reports, in-order writer, verification. */
package io.netpipe.receiver;
