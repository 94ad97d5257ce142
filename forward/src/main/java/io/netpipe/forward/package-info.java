/** forward mode: a TCP relay, every connection concurrently, both directions, half-close. */
package io.netpipe.forward;
