/**
 * Forward error correction: a systematic Reed-Solomon erasure code over GF(2^8) with a Cauchy generator, so a
 * parity packet over a block of DATA payloads repairs a different lost packet at each receiver.
 */
package io.netpipe.protocol.fec;
