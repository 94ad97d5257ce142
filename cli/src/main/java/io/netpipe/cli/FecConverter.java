package io.netpipe.cli;

import java.util.Locale;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import io.netpipe.sender.SendConfig;

/**
 * Converts {@code send --fec}: {@code off} (retransmission only), {@code auto} (parity on demand where losses are
 * spread over enough receivers for it to pay), {@code on} (parity packets on demand), or a count R
 * of parity packets sent unasked after each block of 128 (and more on demand), for a network known to be lossy.
 */
public final class FecConverter implements ITypeConverter<Integer>
{
    /** The most parity packets sent unasked per block. */
    static final int MAX_PROACTIVE = 32;

    @Override
    public Integer convert(final String value)
    {
        return switch (value.trim().toLowerCase(Locale.ROOT))
        {
            case "off" -> SendConfig.FEC_OFF;
            case "auto" -> SendConfig.FEC_AUTO;
            case "on" -> 0;
            default -> proactive(value);
        };
    }

    private static int proactive(final String value)
    {
        try
        {
            final int count = Integer.parseInt(value.trim());
            if (count >= 0 && count <= MAX_PROACTIVE)
            {
                return count;
            }
        }
        catch (final NumberFormatException ex)
        {
            // Falls through to the one message.
        }
        throw new TypeConversionException("'" + value + "' is not off, auto, on, or a count of parity packets per " +
            "block from 0 to " + MAX_PROACTIVE);
    }
}
