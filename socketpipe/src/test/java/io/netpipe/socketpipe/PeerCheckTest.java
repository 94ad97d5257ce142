package io.netpipe.socketpipe;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The address check on plain {@link InetAddress} values: no sockets. Names resolve through a fake, since a real
 * lookup may send a DNS query; ssh is a fake script first on a private PATH.
 */
@Timeout(20)
class PeerCheckTest
{
    private static final InetAddress DOCUMENTATION = ip("192.0.2.1");
    private static final String HINT = "(give -f HOST with the remote host's name or address as seen from here, or -f any)";

    @TempDir
    Path dir;

    @Test
    void shouldWriteAddressesWithPortWithoutALeadingSlash()
    {
        assertEquals("127.0.0.1:44439", PeerCheck.text(new InetSocketAddress(InetAddress.ofLiteral("127.0.0.1"), 44439)));
        assertEquals("127.0.0.1:9", PeerCheck.text(new InetSocketAddress(InetAddress.ofLiteral("::ffff:127.0.0.1"), 9)));
        assertEquals("[::1]:9", PeerCheck.text(new InetSocketAddress(InetAddress.ofLiteral("::1"), 9)));
    }

    @Test
    void shouldWriteIpv6AddressesInTheirShortForm()
    {
        assertEquals("::", PeerCheck.compressed("0:0:0:0:0:0:0:0"));
        assertEquals("fe80::1%eth0", PeerCheck.compressed("fe80:0:0:0:0:0:0:1%eth0"));
        assertEquals("2001:db8::1:0:0:1", PeerCheck.compressed("2001:db8:0:0:1:0:0:1"));
        assertEquals("2001:db8:0:1:1:1:1:1", PeerCheck.compressed("2001:db8:0:1:1:1:1:1"));
        assertEquals("1::", PeerCheck.compressed("1:0:0:0:0:0:0:0"));
    }

    @Test
    void shouldAcceptLoopbackAsThisHost()
    {
        final PeerCheck check = PeerCheck.thisHost();

        assertNull(check.reject(ip("127.0.0.1")));
        assertNull(check.reject(ip("127.1.2.3")));
        assertNull(check.reject(ip("::1")));
    }

    @Test
    void shouldAcceptIpv4MappedLoopbackAsThisHost()
    {
        assertNull(PeerCheck.thisHost().reject(mapped(127, 0, 0, 1)));
    }

    @Test
    void shouldAcceptAnInterfaceAddressAsThisHost() throws Exception
    {
        final Optional<InetAddress> own = NetworkInterface.networkInterfaces().flatMap(NetworkInterface::inetAddresses)
            .filter(address -> !address.isLoopbackAddress()).findFirst();
        assumeTrue(own.isPresent(), "this host has no address but loopback");

        assertNull(PeerCheck.thisHost().reject(own.get()));
    }

    @Test
    void shouldRejectAnotherHostAsThisHost() throws Exception
    {
        assumeTrue(null == NetworkInterface.getByInetAddress(DOCUMENTATION), "192.0.2.1 is one of this host's addresses");

        assertEquals("not from this host, where a login command without ssh runs the server instance " +
            "(give -f 192.0.2.1 to accept it, or -f any)", PeerCheck.thisHost().reject(DOCUMENTATION));
    }

    @Test
    void shouldAcceptEveryAddressOfTheNamedHost()
    {
        final PeerCheck check = PeerCheck.host("the remote host", "backup", PeerCheckTest::backup);

        assertNull(check.reject(ip("127.0.0.2")));
        assertNull(check.reject(ip("::2")));
        assertNull(check.reject(mapped(127, 0, 0, 2)));
    }

    @Test
    void shouldRejectOtherAddressesNamingTheHostAndItsAddresses()
    {
        assertEquals("not from the remote host backup at 0:0:0:0:0:0:0:2 or 127.0.0.2 (give -f 127.0.0.1 to accept it, or -f any)",
            PeerCheck.host("the remote host", "backup", PeerCheckTest::backup).reject(mapped(127, 0, 0, 1)));
    }

    @Test
    void shouldNameAnAddressGivenAsALiteralOnce()
    {
        assertEquals("not from the -f host 127.0.0.2 (give -f 127.0.0.1 to accept it, or -f any)",
            PeerCheck.host("the -f host", "127.0.0.2", InetAddress::getAllByName).reject(ip("127.0.0.1")));
    }

    @Test
    void shouldRejectEveryPeerWhenTheHostDoesNotResolve()
    {
        final PeerCheck check = PeerCheck.host("the remote host", "nowhere", PeerCheckTest::backup);

        assertEquals("cannot check that it comes from the remote host: the remote host nowhere does not resolve here " + HINT,
            check.reject(ip("127.0.0.1")));
    }

    @Test
    void shouldAcceptAnyPeerWithAny()
    {
        assertNull(PeerCheck.any().reject(DOCUMENTATION));
    }

    @Test
    void shouldExpectThisHostForALoginWithoutSsh() throws Exception
    {
        final PeerCheck check = expect(null, List.of("env"));

        assertNull(check.reject(ip("127.0.0.1")));
        assertEquals(PeerCheck.thisHost().reject(DOCUMENTATION), check.reject(DOCUMENTATION));
    }

    @Test
    void shouldExpectTheHostnameThatSshGPrints() throws Exception
    {
        SshConfigTest.script(dir.resolve("ssh"), "echo hostname 127.0.0.2");

        final PeerCheck check = expect(null, List.of("ssh", "-p", "22", "backup"));

        assertNull(check.reject(ip("127.0.0.2")));
        assertEquals("not from the remote host 127.0.0.2 (give -f 127.0.0.1 to accept it, or -f any)", check.reject(ip("127.0.0.1")));
    }

    @Test
    void shouldRejectEveryPeerWhenSshGFails() throws Exception
    {
        SshConfigTest.script(dir.resolve("ssh"), "echo 'ssh: bad option' >&2; exit 255");

        final PeerCheck check = expect(null, List.of("ssh", "backup"));

        assertEquals("cannot check that it comes from the remote host: ssh -G failed with exit status 255 (ssh: bad option) " + HINT,
            check.reject(ip("127.0.0.1")));
    }

    @Test
    void shouldPreferTheFromHostOverSsh() throws Exception
    {
        final PeerCheck check = expect("127.0.0.3", List.of("ssh", "backup"));

        assertNull(check.reject(ip("127.0.0.3")));
    }

    @Test
    void shouldAcceptAnyPeerWithFromAnyWithoutRunningSsh() throws Exception
    {
        assertNull(expect("any", List.of("ssh", "backup")).reject(DOCUMENTATION));
    }

    @Test
    void shouldTurnAnIpv4MappedAddressIntoIpv4()
    {
        assertEquals(ip("127.0.0.1"), PeerCheck.normalise(mapped(127, 0, 0, 1)));
    }

    /** Runs the check's set-up with only the scratch directory on PATH: ssh, if run, is the fake there. */
    private PeerCheck expect(final String from, final List<String> login) throws Exception
    {
        return PeerCheck.expect(from, login, Map.of("PATH", dir.toString()), PeerCheckTest::backup).get(10, TimeUnit.SECONDS);
    }

    /** A resolver that knows one name, {@code backup}, and literals. */
    private static InetAddress[] backup(final String host) throws UnknownHostException
    {
        if ("backup".equals(host))
        {
            return new InetAddress[] {ip("127.0.0.2"), ip("::2")};
        }
        try
        {
            return new InetAddress[] {ip(host)};
        }
        catch (final IllegalArgumentException ex)
        {
            throw new UnknownHostException(host);
        }
    }

    private static InetAddress ip(final String literal)
    {
        return InetAddress.ofLiteral(literal);
    }

    /** @return {@code ::ffff:a.b.c.d} as an IPv6 address, the way a dual-stack socket reports an IPv4 peer. */
    private static InetAddress mapped(final int a, final int b, final int c, final int d)
    {
        final byte[] bytes = new byte[16];
        bytes[10] = (byte)0xff;
        bytes[11] = (byte)0xff;
        bytes[12] = (byte)a;
        bytes[13] = (byte)b;
        bytes[14] = (byte)c;
        bytes[15] = (byte)d;
        try
        {
            return assertInstanceOf(Inet6Address.class, Inet6Address.getByAddress(null, bytes, -1));
        }
        catch (final UnknownHostException ex)
        {
            throw new IllegalStateException(ex);
        }
    }
}
