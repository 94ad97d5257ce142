/**
 * The few Linux C library calls netpipe makes through the FFM API, linked once and shared by every mode that
 * needs them: sockets with raw file descriptors (so they can become a child's stdin and stdout),
 * {@code posix_spawnp} with {@code dup2} file actions, reaping one's own children by pid, {@code poll}, and the
 * helpers a batched datagram transport builds on ({@link io.netpipe.libc.Libc}, {@link io.netpipe.libc.SockAddr}).
 * Every call that sets {@code errno} captures it and turns a failure into a {@link io.netpipe.libc.PosixException}
 * naming the call.
 */
package io.netpipe.libc;
