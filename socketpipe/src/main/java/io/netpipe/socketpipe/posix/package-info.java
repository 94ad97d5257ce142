/**
 * The few Linux system calls socketpipe mode needs, reached through the FFM API: sockets with raw file
 * descriptors (so they can become a child's stdin and stdout), {@code posix_spawnp} with {@code dup2} file
 * actions, and reaping one's own children by pid. Every call that sets {@code errno} captures it and turns a
 * failure into a {@link io.netpipe.socketpipe.posix.PosixException} naming the call.
 */
package io.netpipe.socketpipe.posix;
