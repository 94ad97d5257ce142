package io.netpipe.cli.check;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.netpipe.cli.check.Firewall.Datagram;
import io.netpipe.cli.check.Firewall.Direction;

/** Reads the local firewall ({@code nft -j list ruleset}, {@code iptables-save}) and evaluates it for netpipe's ports. */
public final class FirewallCheck
{
    /** A firewall tool answers in milliseconds; this only bounds a wedged one. */
    private static final long TOOL_TIMEOUT_SECONDS = 10;

    private FirewallCheck()
    {
    }

    /**
     * The four datagrams of a session as this host sees them, whether it sends or receives: data from port P+1 to
     * P and feedback from P to P+1, each arriving and leaving.
     *
     * @param port          the data port P.
     * @param interfaceName the interface they cross, or {@code null} when unknown.
     * @return the datagrams.
     */
    public static List<Datagram> datagrams(final int port, final String interfaceName)
    {
        final List<Datagram> list = new ArrayList<>();
        for (final Direction direction : Direction.values())
        {
            final String way = direction == Direction.IN ? "incoming" : "outgoing";
            list.add(new Datagram(direction, port + 1, port, interfaceName, way + " data (UDP to port " + port + ")"));
            list.add(new Datagram(direction, port, port + 1, interfaceName,
                way + " feedback (UDP to port " + (port + 1) + ")"));
        }
        return list;
    }

    /**
     * @param port          the data port P.
     * @param interfaceName the interface, or {@code null} when unknown.
     * @return findings for nftables and iptables, each read when its tool is installed.
     */
    public static List<Finding> check(final int port, final String interfaceName)
    {
        final List<Datagram> datagrams = datagrams(port, interfaceName);
        final List<Finding> findings = new ArrayList<>();
        final Path nft = which("nft");
        final Path iptablesSave = which("iptables-save");
        // Read iptables first: with iptables-nft its tables are nftables tables too, shown by nft as opaque "xt"
        // expressions; they are evaluated once, from iptables-save's precise text.
        final Output ipt = null == iptablesSave ? null : run(List.of(iptablesSave.toString()));
        final Set<String> shared = null != ipt && ipt.ok() ? sharedTables(ipt.stdout()) : Set.of();
        if (null != nft)
        {
            final Output out = run(List.of(nft.toString(), "-j", "list", "ruleset"));
            findings.addAll(out.ok() ? evaluate("nftables", out.stdout(), shared, datagrams) :
                List.of(unreadable("nftables", "nft list ruleset", out)));
        }
        if (null != ipt)
        {
            findings.addAll(ipt.ok() ? evaluate("iptables", ipt.stdout(), null, datagrams) :
                List.of(unreadable("iptables", "iptables-save", ipt)));
        }
        if (null == nft && null == iptablesSave)
        {
            findings.add(Finding.ok("firewall: neither nft nor iptables-save is installed, so no rules to read"));
        }
        return findings;
    }

    /**
     * @param iptablesSave the output of {@code iptables-save}.
     * @return the nftables tables ("ip filter") it shows in full: none for iptables-legacy, whose rules live apart;
     *     with iptables-nft every table it lists, except one it warns holds base chains it cannot show.
     */
    static Set<String> sharedTables(final String iptablesSave)
    {
        final Set<String> shared = new HashSet<>();
        if (!iptablesSave.contains("(nf_tables)"))
        {
            return shared;
        }
        iptablesSave.lines().filter(l -> l.startsWith("*")).forEach(l -> shared.add("ip " + l.substring(1).strip()));
        final Matcher m = Pattern.compile("(?m)^# Table `([^']+)' contains incompatible").matcher(iptablesSave);
        while (m.find())
        {
            shared.remove("ip " + m.group(1));
        }
        return shared;
    }

    /** @param skipTables for nft, the tables iptables-save showed too ({@code null}: the text is iptables-save's). */
    private static List<Finding> evaluate(final String source, final String text, final Set<String> skipTables,
        final List<Datagram> datagrams)
    {
        try
        {
            final List<Firewall.Chain> chains = null == skipTables ? IptablesRules.parse(text) :
                NftRules.parse(text).stream().filter(c -> !skipTables.contains(c.table())).toList();
            return RuleEvaluator.evaluate(source, chains, datagrams);
        }
        catch (final IllegalArgumentException ex)
        {
            return List.of(Finding.warning(source + ": cannot read the ruleset: " + Escape.text(ex.getMessage(), 200)));
        }
    }

    private static Finding unreadable(final String source, final String command, final Output out)
    {
        final String why = out.stderr().strip().lines().findFirst().orElse("exit code " + out.rc());
        return Finding.warning(source + ": '" + command + "' failed (" + Escape.text(why, 200) + "); run the check as" +
            " root to read the rules");
    }

    private static Path which(final String command)
    {
        for (final String dir : (System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/sbin").split(":"))
        {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command)))
            {
                return Path.of(dir, command);
            }
        }
        return null;
    }

    private record Output(int rc, String stdout, String stderr)
    {
        boolean ok()
        {
            return rc == 0;
        }
    }

    private static Output run(final List<String> command)
    {
        try
        {
            final Process p = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(
                new java.io.File("/dev/null"))).start();
            // Both streams drained at once, so a large ruleset cannot fill one pipe while the other is read.
            final CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> drain(p.getErrorStream()));
            final CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> drain(p.getInputStream()));
            if (!p.waitFor(TOOL_TIMEOUT_SECONDS, TimeUnit.SECONDS))
            {
                p.destroyForcibly();
                return new Output(-1, "", "timed out after " + TOOL_TIMEOUT_SECONDS + " s");
            }
            return new Output(p.exitValue(), out.join(), err.join());
        }
        catch (final IOException ex)
        {
            return new Output(-1, "", String.valueOf(ex.getMessage()));
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return new Output(-1, "", "interrupted");
        }
    }

    private static String drain(final InputStream in)
    {
        try (in)
        {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        catch (final IOException ex)
        {
            return "";
        }
    }
}
