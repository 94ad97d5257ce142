package io.netpipe.cli.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Port ranges as the two firewall tools write them, as inclusive {@code [low, high]} pairs. */
final class Ranges
{
    private static final int MAX_PORT = 65535;

    private Ranges()
    {
    }

    /**
     * @param op    the nft comparison ({@code ==}, {@code !=}, {@code in}, {@code <}, {@code <=}, {@code >}, {@code >=}).
     * @param right its right-hand side from {@code nft -j}: a number, a set, a range or a list.
     * @return the ports it names (before any negation), or {@code null} when they cannot be known (a named set).
     */
    static List<int[]> of(final String op, final Object right)
    {
        final List<int[]> ranges = new ArrayList<>();
        if (!add(ranges, right))
        {
            return null;
        }
        if (ranges.size() != 1 || ranges.get(0)[0] != ranges.get(0)[1])
        {
            return switch (op)
            {
                case "==", "!=", "in" -> ranges;
                default -> null;
            };
        }
        final int p = ranges.get(0)[0];
        return switch (op)
        {
            case "==", "!=", "in" -> ranges;
            case "<" -> p == 0 ? List.of() : List.of(new int[] {0, p - 1});
            case "<=" -> List.of(new int[] {0, p});
            case ">" -> List.of(new int[] {p + 1, MAX_PORT});
            case ">=" -> List.of(new int[] {p, MAX_PORT});
            default -> null;
        };
    }

    private static boolean add(final List<int[]> ranges, final Object value)
    {
        if (value instanceof Map<?, ?> m && m.get("set") instanceof List<?> set)
        {
            return add(ranges, set);
        }
        if (value instanceof Map<?, ?> m && m.get("range") instanceof List<?> r && r.size() == 2)
        {
            final int low = port(r.get(0));
            final int high = port(r.get(1));
            if (low < 0 || high < 0)
            {
                return false;
            }
            ranges.add(new int[] {low, high});
            return true;
        }
        if (value instanceof List<?> list)
        {
            for (final Object v : list)
            {
                if (!add(ranges, v))
                {
                    return false;
                }
            }
            return true;
        }
        final int p = port(value);
        if (p < 0)
        {
            return false;
        }
        ranges.add(new int[] {p, p});
        return true;
    }

    private static int port(final Object value)
    {
        final String s = String.valueOf(value);
        return s.matches("[0-9]{1,5}") && Integer.parseInt(s) <= MAX_PORT ? Integer.parseInt(s) : -1;
    }

    /**
     * @param text iptables' port list: {@code 9000}, {@code 9000:9010}, {@code 9000,9001,9100:9200} ({@code :9010}
     *             and {@code 9000:} leave an end open).
     * @return the ranges, or {@code null} when a port is a service name or malformed.
     */
    static List<int[]> ofIptables(final String text)
    {
        final List<int[]> ranges = new ArrayList<>();
        for (final String part : text.split(","))
        {
            final int colon = part.indexOf(':');
            final int low = colon < 0 ? port(part) : colon == 0 ? 0 : port(part.substring(0, colon));
            final int high = colon < 0 ? low : colon == part.length() - 1 ? MAX_PORT : port(part.substring(colon + 1));
            if (low < 0 || high < 0)
            {
                return null;
            }
            ranges.add(new int[] {low, high});
        }
        return ranges;
    }
}
