/**
 * Datagram transports behind one small interface ({@link io.netpipe.transport.DatagramTransport}), so a
 * batching Linux transport can replace the plain channel, and tests can use a lossy in-memory network.
 */
package io.netpipe.transport;
