package io.netpipe.cli.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

/** The rule parsers and the evaluator on rulesets captured from {@code nft -j list ruleset} and {@code iptables-save}. */
class RuleEvaluatorTest
{
    private static final String EMPTY_NFT = "{\"nftables\": [{\"metainfo\": {\"version\": \"1.0.6\", " +
        "\"release_name\": \"Lester Gooch #5\", \"json_schema_version\": 1}}]}";

    private static String resource(final String name) throws IOException
    {
        try (InputStream in = RuleEvaluatorTest.class.getResourceAsStream(name))
        {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static List<Finding> nft(final String json, final String iface)
    {
        return RuleEvaluator.evaluate("nftables", NftRules.parse(json), FirewallCheck.datagrams(9000, iface));
    }

    private static List<Finding> iptables(final String text, final String iface)
    {
        return RuleEvaluator.evaluate("iptables", IptablesRules.parse(text), FirewallCheck.datagrams(9000, iface));
    }

    private static String lines(final List<Finding> findings)
    {
        return findings.stream().map(Finding::line).collect(Collectors.joining("\n"));
    }

    private static void assertLine(final List<Finding> findings, final Finding.Level level, final String... parts)
    {
        assertTrue(findings.stream().anyMatch(f -> f.level() == level && List.of(parts).stream()
            .allMatch(f.text()::contains)), () -> "no " + level + " line with " + List.of(parts) + " in:\n" +
            lines(findings));
    }

    @Test
    void shouldFailOnRuleDroppingTheDataPort() throws IOException
    {
        assertLine(nft(resource("nft-mixed.json"), "eth0"), Finding.Level.FAIL, "chain inet filter input drops",
            "incoming data (UDP to port 9000)", "'udp dport 9000 drop' (handle 4)");
    }

    @Test
    void shouldFailOnRejectBySetContainingTheFeedbackPort() throws IOException
    {
        assertLine(nft(resource("nft-mixed.json"), "eth0"), Finding.Level.FAIL, "chain inet filter input rejects",
            "incoming feedback (UDP to port 9001)", "udp dport 9001,9100-9200");
    }

    @Test
    void shouldFailOnPolicyDropWhenOnlyOneDirectionIsAcceptedByJump() throws IOException
    {
        final List<Finding> findings = nft(resource("nft-mixed.json"), "eth0");
        assertLine(findings, Finding.Level.FAIL, "chain inet filter output drops outgoing feedback (UDP to port 9001)",
            "policy is drop");
        assertTrue(findings.stream().noneMatch(f -> f.text().contains("output") && f.text().contains("outgoing data")),
            lines(findings));
    }

    @Test
    void shouldFailOnRangeInPreroutingForBothPorts() throws IOException
    {
        assertLine(nft(resource("nft-mixed.json"), "eth0"), Finding.Level.FAIL, "chain ip raw pre drops",
            "incoming data (UDP to port 9000) and incoming feedback (UDP to port 9001)");
    }

    @Test
    void shouldIgnoreRuleForOtherInterfaceButWarnWhenInterfaceUnknown() throws IOException
    {
        assertTrue(nft(resource("nft-mixed.json"), "eth0").stream().noneMatch(f -> f.text().contains("PREROUTING")));
        assertLine(nft(resource("nft-mixed.json"), null), Finding.Level.WARNING, "chain ip raw PREROUTING may drop",
            "incoming data");
        assertLine(nft(resource("nft-mixed.json"), "eth1"), Finding.Level.FAIL, "chain ip raw PREROUTING drops",
            "incoming data (UDP to port 9000)");
    }

    @Test
    void shouldOnlyWarnWhenAnUnreadableAcceptMayComeFirst() throws IOException
    {
        // iptables-nft's multiport accept is an opaque xt match in nft's JSON: the REJECT after it is uncertain.
        assertLine(nft(resource("nft-mixed.json"), "eth0"), Finding.Level.WARNING,
            "chain ip filter INPUT may reject incoming data (UDP to port 9000)", "'udp dport 9000-9010 reject' (handle 8)");
    }

    @Test
    void shouldPassPolicyDropChainThatAcceptsBothPorts() throws IOException
    {
        final List<Finding> findings = nft(resource("nft-policy-drop-allowing.json"), "eth0");
        assertEquals(1, findings.size(), lines(findings));
        assertLine(findings, Finding.Level.OK, "nftables: no rule drops UDP to ports 9000 or 9001, in or out (1 base chains)");
    }

    @Test
    void shouldPassEmptyRuleset()
    {
        assertLine(nft(EMPTY_NFT, "eth0"), Finding.Level.OK, "(0 base chains)");
    }

    @Test
    void shouldPassOnOtherPort() throws IOException
    {
        final List<Finding> findings = RuleEvaluator.evaluate("nftables", NftRules.parse(resource("nft-mixed.json")),
            FirewallCheck.datagrams(7000, "eth0"));
        // Only the policies still bite: nothing in inet filter output accepts port 7000 or 7001 leaving, and only
        // unreadable rules may accept them in ip filter INPUT.
        assertEquals(2, findings.size(), lines(findings));
        assertLine(findings, Finding.Level.FAIL, "chain inet filter output drops outgoing data (UDP to port 7000) and" +
            " outgoing feedback (UDP to port 7001): its policy is drop");
        assertLine(findings, Finding.Level.WARNING, "chain ip filter INPUT drops incoming data", "no rule surely accepts");
    }

    @Test
    void shouldRejectSomethingThatIsNotNftJson()
    {
        assertThrows(IllegalArgumentException.class, () -> NftRules.parse("{\"nftables\": [1, 2"));
        assertThrows(IllegalArgumentException.class, () -> NftRules.parse("[]"));
    }

    @Test
    void shouldAcceptIptablesMultiportBeforeJumpToRejectingChain() throws IOException
    {
        final List<Finding> findings = iptables(resource("iptables-mixed.txt"), "eth0");
        assertEquals(1, findings.size(), lines(findings));
        assertLine(findings, Finding.Level.OK, "iptables: no rule drops");
    }

    @Test
    void shouldFailIptablesNegatedInterfaceRuleOnOtherInterface() throws IOException
    {
        assertLine(iptables(resource("iptables-mixed.txt"), "eth1"), Finding.Level.FAIL,
            "iptables: chain raw PREROUTING drops incoming data (UDP to port 9000)", "iifname != \"eth0\"", "line 6");
    }

    @Test
    void shouldFailIptablesRejectInUserChainAndPolicyDrop()
    {
        final String save = """
            *filter
            :INPUT DROP [0:0]
            :OUTPUT ACCEPT [0:0]
            :NP - [0:0]
            -A INPUT -m comment --comment "the \\"lab\\" rules" -p udp -j NP
            -A INPUT -p udp -m udp --dport 9001 -j ACCEPT
            -A NP -p udp -m udp --dport 8990:9000 -j REJECT --reject-with icmp-port-unreachable
            -A OUTPUT -s 10.0.0.0/8 -p udp -m multiport --dports 9000,9001 -j DROP
            COMMIT
            """;
        final List<Finding> findings = iptables(save, "eth0");
        assertLine(findings, Finding.Level.FAIL, "chain filter INPUT rejects incoming data (UDP to port 9000)",
            "udp dport 8990-9000 reject");
        assertTrue(findings.stream().noneMatch(f -> f.text().contains("INPUT") && f.text().contains("feedback")),
            lines(findings));
        assertLine(findings, Finding.Level.WARNING, "chain filter OUTPUT may drop outgoing data (UDP to port 9000) and" +
            " outgoing feedback (UDP to port 9001)", "-s 10.0.0.0/8");
    }

    @Test
    void shouldEscapeControlCharactersFromRuleText()
    {
        final String save = "*filter\n:INPUT ACCEPT [0:0]\n-A INPUT -m foo --bar \"\u001b[31mred\" -j DROP\nCOMMIT\n";
        final List<Finding> findings = iptables(save, "eth0");
        assertTrue(findings.stream().allMatch(f -> f.text().indexOf('\u001b') < 0), lines(findings));
        assertLine(findings, Finding.Level.WARNING, "\\x1b[31mred");
    }

    @Test
    void shouldLeaveToIptablesOnlyTheTablesIptablesNftShowsInFull() throws IOException
    {
        assertEquals(java.util.Set.of("ip filter"), FirewallCheck.sharedTables(resource("iptables-mixed.txt")));
        assertEquals(java.util.Set.of(), FirewallCheck.sharedTables("# Generated by iptables-save v1.8.9 (legacy)\n" +
            "*filter\n:INPUT ACCEPT [0:0]\nCOMMIT\n"));
    }

    @Test
    void shouldReadVerdictMapsElementByElement() throws IOException
    {
        // ct state vmap { established : accept, related : accept, invalid : drop }
        // udp dport vmap { 9000 : drop, 9001-9002 : jump np, 22 : accept }, and chain np only rejects
        final List<Finding> findings = nft(resource("nft-vmap.json"), "eth0");
        assertLine(findings, Finding.Level.FAIL, "chain inet v input drops incoming data (UDP to port 9000): rule" +
            " 'udp dport 9000 drop' (handle 6)");
        assertLine(findings, Finding.Level.FAIL, "chain inet v input rejects incoming feedback (UDP to port 9001): rule" +
            " 'reject'");
        assertEquals(2, findings.size(), lines(findings));
    }
}
