/** The sending side of a replication session: reader, transmit loop, retransmit window, roster. */
package io.netpipe.sender;
