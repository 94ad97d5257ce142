/** Datagram transports behind one small interface, so batch I/O can replace the plain channel. */
package io.netpipe.transport;
