/**
 * The Linux datagram transport through the FFM API ({@link io.netpipe.transport.linux.LinuxUdpTransport}):
 * {@code sendmmsg} with UDP GSO, {@code recvmmsg} with UDP GRO, everything laid out once in native memory, so
 * steady state allocates nothing. {@link io.netpipe.transport.linux.LinuxUdpTransport#unavailableReason()} and
 * {@link io.netpipe.transport.linux.TransportUnavailableException} tell a caller when to fall back to NIO.
 */
package io.netpipe.transport.linux;
