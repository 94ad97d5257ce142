package io.netpipe.cli.check;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.netpipe.cli.check.Firewall.Chain;
import io.netpipe.cli.check.Firewall.Datagram;
import io.netpipe.cli.check.Firewall.Rule;
import io.netpipe.cli.check.Firewall.Truth;
import io.netpipe.cli.check.Firewall.Verdict;

/**
 * Walks each base chain for each of netpipe's datagrams as the kernel would, rule by rule, following jumps, and
 * says which rules would drop or reject them. A drop the walk is sure of is a failure; a drop that depends on a
 * condition this check cannot evaluate (an address, a rate, a named set), or that an earlier uncertain accept
 * might pre-empt, is a warning. Every base chain of a hook is walked on its own: an accept in one does not stop
 * another from dropping.
 */
public final class RuleEvaluator
{
    /** Deeper jump chains than any real ruleset has; bounds a loop of jumps (which nft would refuse anyway). */
    private static final int MAX_DEPTH = 32;
    /** Where the datagrams go in a sentence while findings are grouped. */
    private static final String ROLES = "\u0000";

    private final Map<String, Chain> byName = new LinkedHashMap<>();
    private final List<Rule> maybeDrops = new ArrayList<>();
    private boolean uncertain;

    private RuleEvaluator(final List<Chain> chains)
    {
        chains.forEach(c -> byName.put(c.table() + " " + c.name(), c));
    }

    /**
     * @param source    the tool the rules came from, for messages ("nftables").
     * @param chains    the ruleset.
     * @param datagrams netpipe's datagrams, each with its direction and ports.
     * @return one finding per chain and rule that drops some of them (datagrams grouped), or one ok finding.
     */
    public static List<Finding> evaluate(final String source, final List<Chain> chains, final List<Datagram> datagrams)
    {
        final Map<String, List<String>> roles = new LinkedHashMap<>();
        final Map<String, Finding.Level> levels = new LinkedHashMap<>();
        int baseChains = 0;
        for (final Chain chain : chains)
        {
            if (null == chain.hook())
            {
                continue;
            }
            baseChains++;
            for (final Datagram d : datagrams)
            {
                if (d.direction() != chain.hook())
                {
                    continue;
                }
                final RuleEvaluator walker = new RuleEvaluator(chains);
                final Outcome outcome = walker.walk(chain, d, 0);
                final String where = source + ": chain " + chain.table() + " " + chain.name();
                if (outcome.verdict() == Verdict.DROP && !outcome.uncertain())
                {
                    note(roles, levels, Finding.Level.FAIL, where + " " + verb(outcome.rule()) + " " + ROLES + ": " +
                        describe(outcome.rule()), d.role());
                }
                else if (outcome.verdict() == Verdict.RETURN && chain.policy() == Verdict.DROP)
                {
                    note(roles, levels, walker.uncertain ? Finding.Level.WARNING : Finding.Level.FAIL, where +
                        " drops " + ROLES + ": its policy is drop and no rule " + (walker.uncertain ? "surely " : "") +
                        "accepts them", d.role());
                }
                for (final Rule rule : walker.maybeDrops)
                {
                    note(roles, levels, Finding.Level.WARNING, where + " may " + verb(rule).replaceAll("s$", "") + " " +
                        ROLES + ": " + describe(rule) + ", as it or an earlier rule matches on what this check cannot evaluate", d.role());
                }
            }
        }
        final List<Finding> findings = new ArrayList<>();
        for (final Map.Entry<String, List<String>> e : roles.entrySet())
        {
            final String sentence = e.getKey().replace(ROLES, String.join(" and ", e.getValue()));
            findings.add(new Finding(levels.get(e.getKey()), Escape.text(sentence, 400)));
        }
        if (findings.isEmpty())
        {
            final List<Integer> ports = datagrams.stream().map(Datagram::destinationPort).distinct().sorted().toList();
            findings.add(Finding.ok(source + ": no rule drops UDP to port" + (ports.size() == 1 ? " " : "s ") +
                String.join(" or ", ports.stream().map(String::valueOf).toList()) + ", in or out (" + baseChains +
                " base chains)"));
        }
        return findings;
    }

    private static String verb(final Rule rule)
    {
        return rule.verdict() == Verdict.REJECT ? "rejects" : "drops";
    }

    private static String describe(final Rule rule)
    {
        return "rule '" + rule.text() + "' (" + rule.id() + ")";
    }

    private static void note(final Map<String, List<String>> roles, final Map<String, Finding.Level> levels,
        final Finding.Level level, final String key, final String role)
    {
        final List<String> list = roles.computeIfAbsent(key, k -> new ArrayList<>());
        if (!list.contains(role))
        {
            list.add(role);
        }
        levels.put(key, level);
    }

    /**
     * @param verdict   ACCEPT or DROP when a rule decided, RETURN when the chain ran out.
     * @param uncertain whether an earlier rule that may have matched could have decided first.
     * @param rule      the deciding rule.
     */
    private record Outcome(Verdict verdict, boolean uncertain, Rule rule)
    {
    }

    private Outcome walk(final Chain chain, final Datagram d, final int depth)
    {
        for (final Rule rule : chain.rules())
        {
            Truth t = Truth.YES;
            for (final Firewall.Match m : rule.matches())
            {
                t = t.and(m.test(d));
            }
            if (t == Truth.NO)
            {
                continue;
            }
            switch (rule.verdict())
            {
                case ACCEPT:
                    if (t == Truth.YES)
                    {
                        return new Outcome(Verdict.ACCEPT, uncertain, rule);
                    }
                    uncertain = true;
                    break;
                case DROP, REJECT:
                    if (t == Truth.YES && !uncertain)
                    {
                        return new Outcome(Verdict.DROP, false, rule);
                    }
                    maybeDrops.add(rule);
                    if (t == Truth.YES)
                    {
                        return new Outcome(Verdict.DROP, true, rule);
                    }
                    break;
                case RETURN:
                    if (t == Truth.YES)
                    {
                        return new Outcome(Verdict.RETURN, uncertain, rule);
                    }
                    uncertain = true;
                    break;
                case JUMP, GOTO:
                    final Chain target = byName.get(chain.table() + " " + rule.target());
                    if (null == target || depth >= MAX_DEPTH)
                    {
                        break;
                    }
                    if (t == Truth.MAYBE)
                    {
                        // Whatever the target decides may or may not happen: its drops become warnings.
                        uncertain = true;
                        walk(target, d, depth + 1);
                        break;
                    }
                    final Outcome sub = walk(target, d, depth + 1);
                    if (sub.verdict() != Verdict.RETURN || rule.verdict() == Verdict.GOTO)
                    {
                        return sub;
                    }
                    break;
                default:
                    break;
            }
        }
        return new Outcome(Verdict.RETURN, uncertain, null);
    }
}
