/**
 * Authenticated sessions: the pre-shared key file, HKDF-SHA256, and the AES-GCM sealing of every frame of a
 * keyed session with its replay windows. JDK only ({@code javax.crypto}).
 */
package io.netpipe.protocol.crypto;
