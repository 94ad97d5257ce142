/**
 * The agent model: each thread runs one small agent whose {@code doWork()} says how much it did, and an idle
 * strategy backs off when it did nothing. Tests call {@code doWork()} directly with an injected clock.
 */
package io.netpipe.agent;
