package io.netpipe.cli.check;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.netpipe.cli.check.Firewall.Chain;
import io.netpipe.cli.check.Firewall.Direction;
import io.netpipe.cli.check.Firewall.Match;
import io.netpipe.cli.check.Firewall.Rule;
import io.netpipe.cli.check.Firewall.Verdict;

/** Reads the output of {@code iptables-save} into {@link Firewall} chains (tables filter, raw and mangle). */
public final class IptablesRules
{
    private static final Set<String> TABLES = Set.of("filter", "raw", "mangle");
    /** Modules whose options this parser reads itself; any other module's options are opaque conditions. */
    private static final Set<String> KNOWN_MODULES = Set.of("udp", "tcp", "multiport", "conntrack", "state", "comment");

    private IptablesRules()
    {
    }

    /**
     * @param text the output of {@code iptables-save}.
     * @return the chains of the filter, raw and mangle tables in the order declared.
     */
    public static List<Chain> parse(final String text)
    {
        final Map<String, Chain> chains = new LinkedHashMap<>();
        String table = null;
        int lineNo = 0;
        for (final String raw : text.split("\n"))
        {
            lineNo++;
            final String line = raw.strip();
            if (line.startsWith("*"))
            {
                table = line.substring(1);
            }
            else if (null == table || !TABLES.contains(table) || line.isEmpty() || line.startsWith("#"))
            {
                continue;
            }
            else if (line.startsWith(":"))
            {
                final String[] parts = line.substring(1).split("\\s+");
                final String name = parts[0];
                final Direction hook = "-".equals(parts.length > 1 ? parts[1] : "-") ? null : switch (name)
                {
                    case "PREROUTING", "INPUT" -> Direction.IN;
                    case "OUTPUT", "POSTROUTING" -> Direction.OUT;
                    default -> null;
                };
                final Verdict policy = parts.length > 1 && "DROP".equals(parts[1]) ? Verdict.DROP : Verdict.ACCEPT;
                chains.put(table + " " + name, new Chain(table, name, hook, policy, new ArrayList<>()));
            }
            else if (line.startsWith("-A "))
            {
                final List<String> tokens = tokens(line);
                final Chain chain = chains.get(table + " " + tokens.get(1));
                if (null != chain)
                {
                    chain.rules().add(rule(tokens.subList(2, tokens.size()), table, chains, "line " + lineNo));
                }
            }
        }
        return List.copyOf(chains.values());
    }

    private static Rule rule(final List<String> tokens, final String table, final Map<String, Chain> chains, final String id)
    {
        final List<Match> matches = new ArrayList<>();
        Verdict verdict = Verdict.NONE;
        String target = null;
        String protocol = "th";
        String module = "";
        boolean negated = false;
        for (int i = 0; i < tokens.size(); i++)
        {
            final String option = tokens.get(i);
            if ("!".equals(option))
            {
                negated = true;
                continue;
            }
            final List<String> args = new ArrayList<>();
            while (i + 1 < tokens.size() && !tokens.get(i + 1).startsWith("-") && !"!".equals(tokens.get(i + 1)))
            {
                args.add(tokens.get(++i));
            }
            final String arg = args.isEmpty() ? "" : args.get(0);
            switch (option)
            {
                case "-p", "--protocol" ->
                {
                    protocol = arg.toLowerCase(Locale.ROOT);
                    matches.add(new Firewall.Protocol(Set.of(protocol), negated));
                }
                case "-i", "--in-interface", "-o", "--out-interface" ->
                    matches.add(new Firewall.Interface(option.startsWith("-i"), arg, negated));
                case "-m", "--match" -> module = arg;
                case "--dport", "--destination-port", "--sport", "--source-port",
                    "--dports", "--destination-ports", "--sports", "--source-ports" ->
                {
                    final List<int[]> ranges = Ranges.ofIptables(arg);
                    final boolean destination = option.startsWith("--d");
                    matches.add(null == ranges ? opaque(negated, option, args) :
                        new Firewall.Port(protocol, destination, ranges, negated));
                }
                case "--ctstate", "--state" -> matches.add(new Firewall.ConnectionState(
                    new LinkedHashSet<>(Arrays.asList(arg.toLowerCase(Locale.ROOT).split(","))), negated));
                case "--comment" ->
                {
                    // a remark, not a condition
                }
                case "-j", "--jump", "-g", "--goto" ->
                {
                    target = arg;
                    verdict = switch (arg)
                    {
                        case "ACCEPT" -> Verdict.ACCEPT;
                        case "DROP" -> Verdict.DROP;
                        case "REJECT" -> Verdict.REJECT;
                        case "RETURN" -> Verdict.RETURN;
                        default -> chains.containsKey(table + " " + arg) ?
                            option.startsWith("-g") || option.startsWith("--g") ? Verdict.GOTO : Verdict.JUMP :
                            Verdict.NONE; // LOG, MARK, CT and other targets that do not decide
                    };
                    if (verdict != Verdict.JUMP && verdict != Verdict.GOTO)
                    {
                        target = null;
                    }
                    // what follows a target are its own options (--reject-with ...), not conditions
                    return new Rule(matches, verdict, target, id);
                }
                default ->
                {
                    if (!(option.startsWith("--") && KNOWN_MODULES.contains(module)))
                    {
                        matches.add(opaque(negated, option, args));
                    }
                }
            }
            negated = false;
        }
        return new Rule(matches, verdict, target, id);
    }

    private static Match opaque(final boolean negated, final String option, final List<String> args)
    {
        return new Firewall.Opaque(((negated ? "! " : "") + option + " " + String.join(" ", args)).strip());
    }

    /** Splits a line at blanks, keeping double-quoted words (comments) whole. */
    private static List<String> tokens(final String line)
    {
        final List<String> tokens = new ArrayList<>();
        final StringBuilder word = new StringBuilder();
        boolean quoted = false;
        boolean inWord = false;
        for (int i = 0; i < line.length(); i++)
        {
            final char c = line.charAt(i);
            if (c == '\\' && quoted && i + 1 < line.length())
            {
                word.append(line.charAt(++i));
            }
            else if (c == '"')
            {
                quoted = !quoted;
                inWord = true;
            }
            else if (Character.isWhitespace(c) && !quoted)
            {
                if (inWord)
                {
                    tokens.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            }
            else
            {
                word.append(c);
                inWord = true;
            }
        }
        if (inWord)
        {
            tokens.add(word.toString());
        }
        return tokens;
    }
}
