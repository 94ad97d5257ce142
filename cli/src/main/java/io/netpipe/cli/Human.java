package io.netpipe.cli;

import java.util.Locale;

/** Numbers for people: byte counts in binary units, rates in MB/s, durations in seconds. */
final class Human
{
    private Human()
    {
    }

    /**
     * @param bytes a byte count.
     * @return e.g. "1.00 GiB", "512.0 MiB", "17 B".
     */
    static String bytes(final long bytes)
    {
        if (bytes < 1024)
        {
            return bytes + " B";
        }
        final String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1)
        {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, value >= 100 ? "%.1f %s" : "%.2f %s", value, units[unit]);
    }

    /**
     * @param bytes     bytes moved.
     * @param elapsedNs in this time.
     * @return e.g. "87.2 MB/s" (decimal megabytes, as network tools report).
     */
    static String rate(final long bytes, final long elapsedNs)
    {
        return String.format(Locale.ROOT, "%.1f MB/s", elapsedNs <= 0 ? 0.0 : bytes * 1e3 / elapsedNs);
    }

    /**
     * @param ns a duration.
     * @return e.g. "12.3 s".
     */
    static String seconds(final long ns)
    {
        return String.format(Locale.ROOT, "%.1f s", ns / 1e9);
    }
}
