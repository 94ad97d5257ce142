package io.netpipe.transport.linux;

import java.io.IOException;

/**
 * The Linux transport cannot run here (another OS or architecture, no native access, a C library without
 * {@code sendmmsg}): the caller falls back to the portable {@link io.netpipe.transport.UdpTransport}.
 */
public final class TransportUnavailableException extends IOException
{
    private static final long serialVersionUID = 1L;

    /** @param reason why, in a few words. */
    public TransportUnavailableException(final String reason)
    {
        super("linux transport unavailable: " + reason);
    }
}
