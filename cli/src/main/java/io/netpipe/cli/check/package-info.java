/**
 * The pre-flight check ({@code netpipe check}): local findings (interface, multicast membership, socket buffers,
 * firewall rules read from nftables and iptables) and a short datagram exchange with {@code netpipe check --peer}
 * on a second host. Every finding is one line; nothing read from the network is printed unescaped.
 */
package io.netpipe.cli.check;
