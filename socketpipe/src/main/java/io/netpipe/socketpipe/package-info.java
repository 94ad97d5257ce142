/**
 * socketpipe mode: a local and a remote command joined by a direct TCP socket. The local side
 * ({@link io.netpipe.socketpipe.LocalSide}) listens, runs the login command (e.g. {@code ssh host}) to start a
 * server instance ({@link io.netpipe.socketpipe.RemoteSide}) that connects back, and the connected socket itself
 * becomes the stdin and stdout of the commands: netpipe copies none of the data.
 */
package io.netpipe.socketpipe;
