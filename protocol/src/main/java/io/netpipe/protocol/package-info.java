/** netpipe's wire format: one flyweight per frame type, and the phase state machines. No sockets. */
package io.netpipe.protocol;
