package io.netpipe.agent;

/** A monotonic clock in nanoseconds, injected so tests can advance time without sleeping. */
@FunctionalInterface
public interface NanoClock
{
    /** The system's monotonic clock. */
    NanoClock SYSTEM = System::nanoTime;

    /** @return the current time in nanoseconds, monotonic, arbitrary origin. */
    long nanoTime();
}
