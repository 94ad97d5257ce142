package io.netpipe.bench.e2e;

import java.util.ArrayList;
import java.util.List;

/**
 * One configuration of the lab: how many receivers, which loss, and whether links are 1 Gbit/s.
 *
 * @param receivers     number of receivers, 1..64.
 * @param lossAllPermille random drop of incoming UDP on every receiver, per mille.
 * @param lossOnePermille random drop on receiver 1 only (added on top of {@code lossAllPermille}), per mille.
 * @param gbe           whether every link is shaped to 1 Gbit/s (the {@code lab.sh gbe} profile).
 */
public record Scenario(int receivers, int lossAllPermille, int lossOnePermille, boolean gbe)
{
    /** @return a short label for tables, e.g. {@code "1% all"}, {@code "5% on rx1"}, {@code "gbe"}, {@code "clean"}. */
    public String condition()
    {
        final List<String> parts = new ArrayList<>();
        if (lossAllPermille > 0)
        {
            parts.add(percent(lossAllPermille) + " all");
        }
        if (lossOnePermille > 0)
        {
            parts.add(percent(lossOnePermille) + " on rx1");
        }
        if (gbe)
        {
            parts.add("gbe");
        }
        return parts.isEmpty() ? "no loss" : String.join(", ", parts);
    }

    /** @return the loss on receiver 1, the worst-off receiver, in per mille. */
    public int worstLossPermille()
    {
        return Math.min(1000, lossAllPermille + lossOnePermille);
    }

    private static String percent(final int permille)
    {
        return permille % 10 == 0 ? (permille / 10) + "%" : (permille / 10.0) + "%";
    }

    /**
     * The matrix of the issue: N = each of {@code counts} with no loss, 1% on every receiver and 5% on one;
     * the gbe profile at the counts of {@code gbeCounts}.
     *
     * @param counts    receiver counts.
     * @param gbeCounts receiver counts for the gbe profile.
     * @return the scenarios in the order they run.
     */
    public static List<Scenario> matrix(final List<Integer> counts, final List<Integer> gbeCounts)
    {
        final List<Scenario> all = new ArrayList<>();
        for (final int n : counts)
        {
            all.add(new Scenario(n, 0, 0, false));
            all.add(new Scenario(n, 10, 0, false));
            all.add(new Scenario(n, 0, 50, false));
        }
        for (final int n : gbeCounts)
        {
            all.add(new Scenario(n, 0, 0, true));
        }
        return all;
    }
}
