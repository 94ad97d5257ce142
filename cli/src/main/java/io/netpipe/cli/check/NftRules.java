package io.netpipe.cli.check;

import java.util.ArrayList;
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

/** Reads the output of {@code nft -j list ruleset} into {@link Firewall} chains (IPv4 families only). */
public final class NftRules
{
    /** Statements that count, log or mark but never decide a datagram's fate. */
    private static final Set<String> HARMLESS = Set.of("counter", "log", "notrack", "mangle", "set");

    private NftRules()
    {
    }

    /**
     * @param json the output of {@code nft -j list ruleset}.
     * @return the chains of the {@code ip}, {@code inet} and {@code netdev} tables, in the order listed.
     * @throws IllegalArgumentException when the text is not such a document.
     */
    public static List<Chain> parse(final String json)
    {
        if (!(Json.parse(json) instanceof Map<?, ?> root) || !(root.get("nftables") instanceof List<?> items))
        {
            throw new IllegalArgumentException("not an 'nft -j' document (no \"nftables\" array)");
        }
        final Map<String, Map<?, ?>> chains = new LinkedHashMap<>();
        final Map<String, List<Rule>> rules = new LinkedHashMap<>();
        for (final Object item : items)
        {
            if (!(item instanceof Map<?, ?> entry))
            {
                continue;
            }
            if (entry.get("chain") instanceof Map<?, ?> chain && relevant(chain))
            {
                chains.put(key(chain, "name"), chain);
                rules.putIfAbsent(key(chain, "name"), new ArrayList<>());
            }
            else if (entry.get("rule") instanceof Map<?, ?> rule && relevant(rule))
            {
                rules.computeIfAbsent(key(rule, "chain"), k -> new ArrayList<>()).addAll(rules(rule));
            }
        }
        final List<Chain> result = new ArrayList<>();
        for (final Map.Entry<String, Map<?, ?>> e : chains.entrySet())
        {
            final Map<?, ?> c = e.getValue();
            final Direction hook = switch (String.valueOf(c.get("hook")))
            {
                case "prerouting", "input", "ingress" -> Direction.IN;
                case "output", "postrouting" -> Direction.OUT;
                default -> null;
            };
            final Verdict policy = "drop".equals(c.get("policy")) ? Verdict.DROP : Verdict.ACCEPT;
            result.add(new Chain(c.get("family") + " " + c.get("table"), String.valueOf(c.get("name")), hook, policy,
                rules.get(e.getKey())));
        }
        return result;
    }

    private static boolean relevant(final Map<?, ?> m)
    {
        final Object family = m.get("family");
        return "ip".equals(family) || "inet".equals(family) || "netdev".equals(family);
    }

    private static String key(final Map<?, ?> m, final String nameField)
    {
        return m.get("family") + " " + m.get("table") + " " + m.get(nameField);
    }

    /** @return the rule, or one rule per element of its verdict map ({@code udp dport vmap { 9000 : drop }}). */
    private static List<Rule> rules(final Map<?, ?> rule)
    {
        final String id = "handle " + rule.get("handle");
        final List<Match> matches = new ArrayList<>();
        Verdict verdict = Verdict.NONE;
        String target = null;
        Map<?, ?> vmap = null;
        final Object exprs = rule.get("expr");
        for (final Object o : exprs instanceof List<?> l ? l : List.of())
        {
            if (!(o instanceof Map<?, ?> expr) || expr.isEmpty())
            {
                continue;
            }
            final String kind = String.valueOf(expr.keySet().iterator().next());
            final Object body = expr.get(kind);
            final Object[] decided = verdict(kind, body);
            if (null != decided)
            {
                verdict = (Verdict)decided[0];
                target = (String)decided[1];
            }
            else if ("match".equals(kind))
            {
                matches.add(match(body instanceof Map<?, ?> m ? m : Map.of()));
            }
            else if ("vmap".equals(kind) && body instanceof Map<?, ?> m)
            {
                vmap = m;
            }
            else if ("xt".equals(kind))
            {
                // iptables-nft's compatibility expressions: a target may decide, a match cannot be read.
                final Map<?, ?> m = body instanceof Map<?, ?> x ? x : Map.of();
                if ("target".equals(m.get("type")))
                {
                    verdict = switch (String.valueOf(m.get("name")))
                    {
                        case "REJECT" -> Verdict.REJECT;
                        case "DROP" -> Verdict.DROP;
                        case "ACCEPT" -> Verdict.ACCEPT;
                        default -> verdict;
                    };
                }
                else
                {
                    matches.add(new Firewall.Opaque("xt " + m.get("name")));
                }
            }
            else if (!HARMLESS.contains(kind))
            {
                matches.add(new Firewall.Opaque(kind));
            }
        }
        if (null == vmap)
        {
            return List.of(new Rule(matches, verdict, target, id));
        }
        // The keys of a map are distinct, so at most one element applies: one rule each, in any order.
        final List<Rule> result = new ArrayList<>();
        final Object data = vmap.get("data") instanceof Map<?, ?> d ? d.get("set") : null;
        for (final Object element : data instanceof List<?> l ? l : List.of())
        {
            if (element instanceof List<?> pair && pair.size() == 2 && pair.get(1) instanceof Map<?, ?> v && !v.isEmpty())
            {
                final String kind = String.valueOf(v.keySet().iterator().next());
                final Object[] decided = verdict(kind, v.get(kind));
                final List<Match> all = new ArrayList<>(matches);
                all.add(match(Map.of("op", "==", "left", vmap.get("key"), "right", pair.get(0))));
                result.add(null == decided ? new Rule(all, Verdict.NONE, null, id) :
                    new Rule(all, (Verdict)decided[0], (String)decided[1], id));
            }
        }
        return result;
    }

    /** @return the verdict and its target chain (or null), or {@code null} when the expression is not a verdict. */
    private static Object[] verdict(final String kind, final Object body)
    {
        return switch (kind)
        {
            case "accept" -> new Object[] {Verdict.ACCEPT, null};
            case "drop" -> new Object[] {Verdict.DROP, null};
            case "reject" -> new Object[] {Verdict.REJECT, null};
            case "return" -> new Object[] {Verdict.RETURN, null};
            case "continue" -> new Object[] {Verdict.NONE, null};
            case "jump", "goto" -> new Object[] {"jump".equals(kind) ? Verdict.JUMP : Verdict.GOTO,
                body instanceof Map<?, ?> m ? String.valueOf(m.get("target")) : null};
            default -> null;
        };
    }

    private static Match match(final Map<?, ?> m)
    {
        final String op = String.valueOf(m.get("op"));
        final boolean negated = "!=".equals(op);
        final Object left = m.get("left");
        final Object right = m.get("right");
        final Map<?, ?> payload = field(left, "payload");
        final Map<?, ?> meta = field(left, "meta");
        final Map<?, ?> ct = field(left, "ct");
        final String text = describe(left) + ("==".equals(op) || "in".equals(op) ? " " : " " + op + " ") + describe(right);
        if (null != payload)
        {
            final String protocol = String.valueOf(payload.get("protocol"));
            final String fieldName = String.valueOf(payload.get("field"));
            if (("udp".equals(protocol) || "th".equals(protocol)) && ("dport".equals(fieldName) || "sport".equals(fieldName)))
            {
                final List<int[]> ranges = Ranges.of(op, right);
                return null == ranges ? new Firewall.Opaque(text) :
                    new Firewall.Port(protocol, "dport".equals(fieldName), ranges, negated);
            }
            if ("ip".equals(protocol) && "protocol".equals(fieldName))
            {
                return new Firewall.Protocol(names(right), negated);
            }
            if (!"ip".equals(protocol) && !"udp".equals(protocol) && !"th".equals(protocol))
            {
                // Any field of another header (tcp flags, icmp type, ip6 saddr) implies that header.
                return new Firewall.Fixed(false, text);
            }
            return new Firewall.Opaque(text);
        }
        if (null != meta)
        {
            final String key = String.valueOf(meta.get("key"));
            switch (key)
            {
                case "l4proto":
                    return new Firewall.Protocol(names(right), negated);
                case "iifname", "oifname", "iif", "oif":
                    if (right instanceof String name && !name.startsWith("@"))
                    {
                        return new Firewall.Interface(key.startsWith("i"), name, negated);
                    }
                    return new Firewall.Opaque(text);
                case "protocol", "nfproto":
                    final Set<String> families = names(right);
                    return new Firewall.Fixed(negated != (families.contains("ip") || families.contains("ipv4")), text);
                default:
                    return new Firewall.Opaque(text);
            }
        }
        if (null != ct && "state".equals(ct.get("key")))
        {
            return new Firewall.ConnectionState(names(right), negated);
        }
        return new Firewall.Opaque(text);
    }

    private static Map<?, ?> field(final Object o, final String name)
    {
        return o instanceof Map<?, ?> m && m.get(name) instanceof Map<?, ?> f ? f : null;
    }

    private static Set<String> names(final Object right)
    {
        final Set<String> names = new LinkedHashSet<>();
        final Object values = right instanceof Map<?, ?> m && m.get("set") instanceof List<?> set ? set : right;
        for (final Object v : values instanceof List<?> l ? l : List.of(values))
        {
            names.add(String.valueOf(v).toLowerCase(Locale.ROOT));
        }
        return names;
    }

    private static String describe(final Object o)
    {
        if (o instanceof Map<?, ?> m && !m.isEmpty())
        {
            final Object k = m.keySet().iterator().next();
            final Object v = m.get(k);
            return switch (String.valueOf(k))
            {
                case "payload" -> v instanceof Map<?, ?> p ? p.get("protocol") + " " + p.get("field") : "payload";
                case "meta", "ct" -> k + " " + (v instanceof Map<?, ?> p ? p.get("key") : "");
                case "prefix" -> v instanceof Map<?, ?> p ? p.get("addr") + "/" + p.get("len") : "prefix";
                case "range" -> v instanceof List<?> r && r.size() == 2 ? describe(r.get(0)) + "-" + describe(r.get(1)) : "range";
                case "set" -> "{ " + describe(v) + " }";
                default -> String.valueOf(k);
            };
        }
        if (o instanceof List<?> l)
        {
            return String.join(", ", l.stream().map(NftRules::describe).toList());
        }
        return String.valueOf(o);
    }
}
