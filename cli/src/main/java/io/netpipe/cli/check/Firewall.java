package io.netpipe.cli.check;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A firewall ruleset reduced to what decides the fate of netpipe's UDP datagrams, whichever tool it came from
 * ({@link NftRules}, {@link IptablesRules}); {@link RuleEvaluator} walks it.
 */
public final class Firewall
{
    private Firewall()
    {
    }

    /** Three-valued logic: a match on something this check cannot know (an address, a rate) is {@link #MAYBE}. */
    public enum Truth
    {
        /** Matches netpipe's datagram. */
        YES,
        /** Never matches it. */
        NO,
        /** Depends on something this check cannot tell. */
        MAYBE;

        Truth and(final Truth other)
        {
            return this == NO || other == NO ? NO : this == MAYBE || other == MAYBE ? MAYBE : YES;
        }

        Truth negate(final boolean negated)
        {
            return !negated || this == MAYBE ? this : this == YES ? NO : YES;
        }

        static Truth of(final boolean b)
        {
            return b ? YES : NO;
        }
    }

    /** What a rule does when it matches; {@link #NONE} for a rule that only counts or logs. */
    public enum Verdict
    {
        /** Let the datagram through (this base chain is done). */
        ACCEPT,
        /** Drop it silently. */
        DROP,
        /** Drop it and answer with an ICMP error. */
        REJECT,
        /** Evaluate another chain, then come back. */
        JUMP,
        /** Evaluate another chain and do not come back. */
        GOTO,
        /** Back to the calling chain. */
        RETURN,
        /** No verdict: go on with the next rule. */
        NONE
    }

    /** Which way a datagram crosses the host. */
    public enum Direction
    {
        /** Arriving: prerouting, input, ingress hooks. */
        IN,
        /** Leaving: output and postrouting hooks. */
        OUT
    }

    /**
     * A datagram netpipe sends or receives.
     *
     * @param direction       arriving or leaving.
     * @param sourcePort      its UDP source port.
     * @param destinationPort its UDP destination port.
     * @param interfaceName   the interface it crosses, or {@code null} when unknown.
     * @param role            what it is, for messages ("data to port 9000").
     */
    public record Datagram(Direction direction, int sourcePort, int destinationPort, String interfaceName, String role)
    {
    }

    /**
     * A chain.
     *
     * @param table  the table ("inet filter", "filter").
     * @param name   the chain's name.
     * @param hook   the direction of a base chain, or {@code null} for a chain reached only by jumps.
     * @param policy what happens at the end of a base chain ({@link Verdict#ACCEPT} or {@link Verdict#DROP}).
     * @param rules  its rules in order.
     */
    public record Chain(String table, String name, Direction hook, Verdict policy, List<Rule> rules)
    {
    }

    /**
     * A rule: every match must hold for the verdict to apply.
     *
     * @param matches the conditions.
     * @param verdict what it does.
     * @param target  the chain of a jump or goto, else {@code null}.
     * @param id      where it is ("handle 4", "rule 3"), for messages.
     */
    public record Rule(List<Match> matches, Verdict verdict, String target, String id)
    {
        /** @return the rule in nft-like words, for messages. */
        public String text()
        {
            final String m = matches.stream().map(Match::text).collect(Collectors.joining(" "));
            final String v = verdict == Verdict.NONE ? "" : verdict.name().toLowerCase(java.util.Locale.ROOT) +
                (null == target ? "" : " " + target);
            return (m + " " + v).strip();
        }
    }

    /** One condition of a rule. */
    public sealed interface Match permits Protocol, Port, Interface, ConnectionState, Fixed, Opaque
    {
        /**
         * @param d the datagram.
         * @return whether the condition holds for it.
         */
        Truth test(Datagram d);

        /** @return the condition in nft-like words. */
        String text();
    }

    /**
     * The layer-4 protocol is (or, negated, is not) one of these.
     *
     * @param names   protocol names, lower case ("udp", "tcp").
     * @param negated {@code !=}.
     */
    public record Protocol(Set<String> names, boolean negated) implements Match
    {
        @Override
        public Truth test(final Datagram d)
        {
            return Truth.of(names.contains("udp") || names.contains("17")).negate(negated);
        }

        @Override
        public String text()
        {
            return "l4proto " + (negated ? "!= " : "") + String.join(",", names);
        }
    }

    /**
     * A port match: the header it reads ("udp", "tcp", "th" for any transport header) and inclusive ranges.
     *
     * @param header      which transport header.
     * @param destination {@code dport} rather than {@code sport}.
     * @param ranges      pairs {@code [low, high]}.
     * @param negated     {@code !=}.
     */
    public record Port(String header, boolean destination, List<int[]> ranges, boolean negated) implements Match
    {
        @Override
        public Truth test(final Datagram d)
        {
            if (!"udp".equals(header) && !"th".equals(header))
            {
                // A tcp (sctp, dccp) header match implies that protocol: never a UDP datagram, negated or not.
                return Truth.NO;
            }
            final int port = destination ? d.destinationPort() : d.sourcePort();
            return Truth.of(ranges.stream().anyMatch(r -> r[0] <= port && port <= r[1])).negate(negated);
        }

        @Override
        public String text()
        {
            return header + (destination ? " dport " : " sport ") + (negated ? "!= " : "") + ranges.stream()
                .map(r -> r[0] == r[1] ? Integer.toString(r[0]) : r[0] + "-" + r[1]).collect(Collectors.joining(","));
        }
    }

    /**
     * An interface name match; a trailing {@code +} or {@code *} is a prefix wildcard.
     *
     * @param incoming the input interface (iifname) rather than the output one.
     * @param name     the name.
     * @param negated  {@code !=}.
     */
    public record Interface(boolean incoming, String name, boolean negated) implements Match
    {
        @Override
        public Truth test(final Datagram d)
        {
            final boolean sameWay = incoming == (d.direction() == Direction.IN);
            if (sameWay && null == d.interfaceName())
            {
                return Truth.MAYBE;
            }
            // A leaving datagram has no input interface (and the reverse): the name is empty.
            final String actual = sameWay ? d.interfaceName() : "";
            final boolean wildcard = name.endsWith("+") || name.endsWith("*");
            final boolean equal = wildcard ? actual.startsWith(name.substring(0, name.length() - 1)) : actual.equals(name);
            return Truth.of(equal).negate(negated);
        }

        @Override
        public String text()
        {
            return (incoming ? "iifname " : "oifname ") + (negated ? "!= " : "") + "\"" + name + "\"";
        }
    }

    /**
     * A connection-tracking state match. netpipe's datagrams never become part of a tracked connection (data goes
     * to a broadcast address or group, feedback comes back from another address than the data went to), so they
     * are always {@code new}: {@code ct state established,related accept} lets none of them through.
     *
     * @param states  state names, lower case.
     * @param negated {@code !=}.
     */
    public record ConnectionState(Set<String> states, boolean negated) implements Match
    {
        @Override
        public Truth test(final Datagram d)
        {
            return Truth.of(states.contains("new")).negate(negated);
        }

        @Override
        public String text()
        {
            return "ct state " + (negated ? "!= " : "") + String.join(",", states);
        }
    }

    /**
     * A condition whose answer is known without looking at ports, such as {@code meta nfproto ipv4}.
     *
     * @param holds whether netpipe's IPv4 UDP datagrams meet it.
     * @param text  what it says.
     */
    public record Fixed(boolean holds, String text) implements Match
    {
        @Override
        public Truth test(final Datagram d)
        {
            return Truth.of(holds);
        }
    }

    /**
     * A condition this check cannot evaluate (addresses, rates, marks, named sets, iptables extensions).
     *
     * @param text what it says.
     */
    public record Opaque(String text) implements Match
    {
        @Override
        public Truth test(final Datagram d)
        {
            return Truth.MAYBE;
        }
    }
}
