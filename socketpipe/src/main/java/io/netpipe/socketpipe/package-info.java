/** socketpipe mode: a local and a remote command joined by a direct TCP socket. */
package io.netpipe.socketpipe;
