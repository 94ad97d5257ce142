#!/usr/bin/env bash
# A lab of real hosts on one machine: a sender and N receivers in their own network namespaces, each wired by a veth
# pair to a Linux bridge that lives in a namespace of its own. Nothing is created in the root namespace.
#
#   bench/lab.sh up N                 create the lab with N receivers (1..64); recreates it if it exists
#   bench/lab.sh down                 remove every namespace of the lab (idempotent)
#   bench/lab.sh loss HOST|all PERMILLE  drop PERMILLE/1000 of the UDP datagrams arriving at a receiver (0 clears)
#   bench/lab.sh gbe [off]            1 Gbit/s token bucket on every bridge port and the sender's link
#   bench/lab.sh linkdown HOST        pull a receiver's cable (its bridge port goes down, so its veth loses carrier)
#   bench/lab.sh linkup HOST          plug it back
#   bench/lab.sh exec HOST CMD...     run CMD inside HOST's namespace
#   bench/lab.sh bound HOST PORT      wait (up to 60 s) until a UDP socket in HOST is bound to PORT, e.g. a receiver
#   bench/lab.sh addr HOST            print HOST's address
#   bench/lab.sh hosts                list the lab's hosts
#   bench/lab.sh status               show the lab: namespaces, addresses, loss rules, qdiscs
#   bench/lab.sh snoop                restart the switch's IGMP querier so it forwards each group only to the ports
#                                     registered for it after 1 s (the kernel floods every group for the first 10 s);
#                                     receivers report a new membership once, not twice
#   bench/lab.sh registered HOST GROUP  exit 0 if the switch forwards GROUP to HOST's port, 1 if not
#   bench/lab.sh forget HOST GROUP    the switch forgets HOST's membership of GROUP, as when its report was suppressed
#   bench/lab.sh counters reset HOST DATAPORT FEEDBACKPORT   zero (create) HOST's wire counters: UDP datagrams
#                                     it sent to DATAPORT (counted at its switch port) and got on FEEDBACKPORT
#   bench/lab.sh counters HOST        print them: "data_out N feedback_in M" (datagrams)
#
# HOST is tx (the sender), rxI or just I (receiver I, 1-based). Every host's only interface is eth0.
# Addresses: ${NPLAB_NET}.1 is the sender, ${NPLAB_NET}.(10+I) receiver I, broadcast ${NPLAB_NET}.255.
# Environment: NPLAB_PREFIX (namespace prefix, default nplab) and NPLAB_NET (first three octets of the private /24,
# default 10.213.7) let two labs coexist, e.g. the CI tests and a benchmark.
#
# Limits at 64 receivers (checked on kernel 6.18): a bridge takes 1024 ports; `up 64` takes ~2 s; the neighbour
# table (one for all namespaces, gc_thresh3 1024 by default) holds ~2 entries per receiver; each receiver joins one
# group (igmp_max_memberships 20 per socket); the bridge's multicast database takes 4096 entries (mcast_hash_max).
# The one limit that bites is the per-CPU input backlog (net.core.netdev_max_backlog, 1000 by default, global: a
# namespace cannot set it). veth delivers by queueing to that backlog, and the bridge floods each datagram of a GSO
# send to every port inside one softirq, so a 64-segment send to N receivers queues 64 x N frames at once: from
# N = 16 on the kernel drops them (seen: 279,000 of 640,000 frames dropped at N = 64 for 20-segment sends) and the
# lab shows loss no real switch would. `up N` raises it to 128 x N (UDP_MAX_SEGMENTS is 128 from Linux 6.9) when it
# is lower, in the root namespace, says so on stderr, and the last lab to go down restores it; the drops the kernel
# counted are the second column of /proc/net/softnet_stat.
set -euo pipefail

prefix=${NPLAB_PREFIX:-nplab}
net=${NPLAB_NET:-10.213.7}
br_ns="$prefix-br"
tx_ns="$prefix-tx"
max_receivers=64

die() { echo "lab: $*" >&2; exit 2; }

# The namespaces of the lab that exist now, bridge last so hosts go first on down.
lab_namespaces() {
  ip netns list | awk '{print $1}' | grep -E "^${prefix}-(tx|rx[0-9]+|br)\$" | sort -t- -k2,2r || true
}

receiver_count() {
  ip netns list | awk '{print $1}' | grep -cE "^${prefix}-rx[0-9]+\$" || true
}

# Maps a HOST argument (tx, rxI, I) to its namespace, failing if it is not in the lab.
host_ns() {
  local host=$1 ns
  case "$host" in
    tx|sender) ns=$tx_ns ;;
    rx[0-9]*) ns="$prefix-$host" ;;
    [0-9]*) ns="$prefix-rx$host" ;;
    *) die "unknown host '$host' (tx, rxI or I)" ;;
  esac
  ip netns list | awk '{print $1}' | grep -qx "$ns" || die "no host '$host' in the lab (namespace $ns missing; run 'lab.sh up N')"
  echo "$ns"
}

host_addr() {
  local ns=$1
  if [ "$ns" = "$tx_ns" ]; then echo "$net.1"; else echo "$net.$((10 + ${ns##*-rx}))"; fi
}

down() {
  local ns
  for ns in $(lab_namespaces); do
    # Killing what still runs inside frees the namespace; deleting it then removes its veths (and their peers).
    ip netns pids "$ns" 2>/dev/null | xargs -r kill -9 2>/dev/null || true
    ip netns delete "$ns" 2>/dev/null || true
  done
  restore_backlog
}

# Settings shared by every host namespace: loopback up, no IPv6 chatter on the bridge, big socket buffers allowed
# where the kernel lets a namespace choose (rmem_max is global and stays at the root's value, see FACTS.md).
setup_host() {
  local ns=$1 addr=$2
  ip -n "$ns" link set lo up
  ip netns exec "$ns" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
  ip -n "$ns" addr add "$addr/24" brd + dev eth0
  ip -n "$ns" link set eth0 mtu 1500 up
  # Multicast needs a route; without one, sending to 239.x fails with "network unreachable" (no default route here).
  ip -n "$ns" route add 224.0.0.0/4 dev eth0
  # A host with several interfaces is not modelled; accept whatever arrives on eth0.
  ip netns exec "$ns" sysctl -qw net.ipv4.conf.all.rp_filter=0 net.ipv4.conf.eth0.rp_filter=0
}

# Raises the global input backlog so that a GSO send flooded to n ports fits (see the header). Each lab that raised
# it leaves a mark in $backlog_dir; the value the host had is kept there once, and the last lab to go down puts it
# back, so labs of other prefixes running at the same time keep theirs.
backlog_dir=/run/netpipe-lab
raise_backlog() {
  local n=$1 want have
  want=$((128 * n))
  have=$(cat /proc/sys/net/core/netdev_max_backlog)
  if [ "$have" -lt "$want" ]; then
    mkdir -p "$backlog_dir"
    [ -f "$backlog_dir/original" ] || echo "$have" >"$backlog_dir/original"
    sysctl -qw net.core.netdev_max_backlog="$want"
    echo "lab: raised net.core.netdev_max_backlog from $have to $want until the lab goes down (global; a GSO send flooded to $n ports must fit)" >&2
  fi
  [ -f "$backlog_dir/original" ] && touch "$backlog_dir/lab.$prefix"
  return 0
}
restore_backlog() {
  [ -f "$backlog_dir/lab.$prefix" ] || return 0
  rm -f "$backlog_dir/lab.$prefix"
  if ! compgen -G "$backlog_dir/lab.*" >/dev/null; then
    sysctl -qw net.core.netdev_max_backlog="$(cat "$backlog_dir/original")"
    rm -f "$backlog_dir/original"
  fi
}

up() {
  local n=$1 i ns
  down
  raise_backlog "$n"
  ip netns add "$br_ns"
  ip -n "$br_ns" link set lo up
  ip netns exec "$br_ns" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
  # A switch does not run the IP firewall on what it forwards; br_netfilter would (it costs ~20% throughput here).
  ip netns exec "$br_ns" sysctl -qw net.bridge.bridge-nf-call-iptables=0 net.bridge.bridge-nf-call-ip6tables=0 \
    net.bridge.bridge-nf-call-arptables=0 2>/dev/null || true
  # IGMP snooping with a querier, like a managed switch: multicast reaches only the ports that joined,
  # and memberships are refreshed so a long run does not fall back to flooding or silence.
  ip -n "$br_ns" link add name br0 type bridge mcast_snooping 1 mcast_querier 1 forward_delay 0 stp_state 0
  ip -n "$br_ns" link set br0 up

  # The sender: its veth is created in the bridge namespace and its peer directly in the host's (never in root).
  ip netns add "$tx_ns"
  ip -n "$br_ns" link add name tx type veth peer name eth0 netns "$tx_ns"
  # No UDP segmentation offload on the sender's NIC: every frame on the bridge is at most 1500 bytes.
  ip netns exec "$tx_ns" ethtool -K eth0 tx-udp-segmentation off >/dev/null
  setup_host "$tx_ns" "$net.1"
  ip -n "$br_ns" link set dev tx master br0 mtu 1500 up

  for i in $(seq 1 "$n"); do
    ns="$prefix-rx$i"
    ip netns add "$ns"
    ip -n "$br_ns" link add name "rx$i" type veth peer name eth0 netns "$ns"
    setup_host "$ns" "$net.$((10 + i))"
    ip -n "$br_ns" link set dev "rx$i" master br0 mtu 1500 up
  done
  wait_carrier
}

# veth carrier and the bridge's forwarding state come up asynchronously; wait until every port forwards.
wait_carrier() {
  local deadline=$((SECONDS + 10)) states
  while :; do
    states=$(ip -n "$br_ns" -o link show master br0 | grep -vc 'state UP' || true)
    [ "$states" -eq 0 ] && return 0
    [ $SECONDS -ge $deadline ] && die "bridge ports not up after 10 s"
    sleep 0.05
  done
}

# Whether a process in the namespace has bound the UDP port yet (a receiver started, its JVM up): benchmarks start the
# sender only then, so a receiver's start-up is not timed. A receiver that never binds (it failed) ends the wait.
bound() {
  local deadline=$((SECONDS + 60))
  until ip netns exec "$1" ss -Huln "sport = :$2" | grep -q .; do
    [ $SECONDS -ge $deadline ] && die "nothing bound UDP port $2 in $1 within 60 s"
    sleep 0.05
  done
}

loss() {
  local host=$1 permille=$2 ns
  [[ "$permille" =~ ^[0-9]+$ ]] && [ "$permille" -le 1000 ] || die "loss needs PERMILLE 0..1000, got '$permille'"
  if [ "$host" = all ]; then
    for ns in $(lab_namespaces | grep -E -- "-rx[0-9]+\$"); do loss_ns "$ns" "$permille"; done
  else
    ns=$(host_ns "$host")
    loss_ns "$ns" "$permille"
  fi
}

# Random per-datagram drop of incoming UDP, decided independently for each datagram (netem is not available).
loss_ns() {
  local ns=$1 permille=$2
  ip netns exec "$ns" nft delete table inet nplab 2>/dev/null || true
  [ "$permille" -eq 0 ] && return 0
  ip netns exec "$ns" nft -f - <<EOF
table inet nplab {
  chain input {
    type filter hook input priority 0; policy accept;
    meta l4proto udp numgen random mod 1000 < $permille counter drop
  }
}
EOF
}

# A 1 Gbit/s link everywhere: the egress of every bridge port (switch to host) and the sender's own NIC,
# so the sender is paced by its link as on real hardware instead of flooding the bridge ports' queues.
gbe() {
  local mode=${1:-on} port
  for port in $(ip -n "$br_ns" -o link show master br0 | awk -F': ' '{print $2}' | cut -d@ -f1); do
    gbe_dev "$br_ns" "$port" "$mode"
  done
  gbe_dev "$tx_ns" eth0 "$mode"
}

gbe_dev() {
  local ns=$1 dev=$2 mode=$3
  if [ "$mode" = off ]; then
    tc -n "$ns" qdisc del dev "$dev" root 2>/dev/null || true
  else
    # burst: one timer tick of data at 1 Gbit/s; limit: ~2 ms of queue, the order of a switch port's buffer.
    tc -n "$ns" qdisc replace dev "$dev" root tbf rate 1gbit burst 128kb limit 256kb
  fi
}

linkstate() {
  local host=$1 state=$2 ns
  ns=$(host_ns "$host")
  [ "$ns" = "$tx_ns" ] && die "link$state is for receivers"
  ip -n "$br_ns" link set dev "${ns##*-}" "$state"
}

# The bridge's querier counts as present only a query response interval (10 s) after it is enabled; until then the
# bridge floods every group to every port. Enabled again with a 1 s interval, it snoops after 1 s. And every receiver
# host reports a new membership once, not again 10 s later (igmp_qrv 1): a report the switch forgot stays forgotten
# until the host reports anew, as when all of them were suppressed. Call it before the receivers join.
snoop() {
  local ns
  for ns in $(lab_namespaces | grep -E "^${prefix}-rx[0-9]+\$"); do
    ip netns exec "$ns" sysctl -qw net.ipv4.igmp_qrv=1
  done
  ip -n "$br_ns" link set br0 type bridge mcast_querier 0
  ip -n "$br_ns" link set br0 type bridge mcast_query_response_interval 100
  ip -n "$br_ns" link set br0 type bridge mcast_querier 1
}

# The bridge's multicast database entry for a port (a receiver's, named like its namespace) and GROUP: listed, or
# deleted.
registered() {
  ip netns exec "$br_ns" bridge mdb show dev br0 | grep -q " port $1 grp $2 "
}

forget() {
  ip netns exec "$br_ns" bridge mdb del dev br0 port "$1" grp "$2"
}

# Wire counters for the feedback budget: how many datagrams HOST sent to the data port, counted where its cable
# enters the switch (HOST's port, in the bridge's namespace), and how many arrived on its feedback port (its own
# input). Data is counted on the bridge because a sender's own hooks see a GSO send as one packet before the
# kernel cuts it into up to 64 datagrams; feedback datagrams are single datagrams either way.
counters_reset() {
  local ns=$1 data=$2 feedback=$3 port
  [[ "$data" =~ ^[0-9]+$ && "$feedback" =~ ^[0-9]+$ ]] || die "counters reset needs two ports, got '$data' '$feedback'"
  port=${ns##*-}
  ip netns exec "$br_ns" nft delete table netdev "nplab_count_$port" 2>/dev/null || true
  ip netns exec "$br_ns" nft -f - <<EOF
table netdev nplab_count_$port {
  counter data_out { }
  chain ingress {
    type filter hook ingress device "$port" priority 0; policy accept;
    udp dport $data counter name data_out
  }
}
EOF
  ip netns exec "$ns" nft delete table inet nplab_count 2>/dev/null || true
  ip netns exec "$ns" nft -f - <<EOF
table inet nplab_count {
  counter feedback_in { }
  chain input {
    type filter hook input priority 0; policy accept;
    udp dport $feedback counter name feedback_in
  }
}
EOF
}

counters_show() {
  local ns=$1 port
  port=${ns##*-}
  printf 'data_out %s feedback_in %s\n' \
    "$(ip netns exec "$br_ns" nft list counter netdev "nplab_count_$port" data_out 2>/dev/null \
      | sed -n 's/.*packets \([0-9]*\).*/\1/p')" \
    "$(ip netns exec "$ns" nft list counter inet nplab_count feedback_in 2>/dev/null \
      | sed -n 's/.*packets \([0-9]*\).*/\1/p')"
}

status() {
  local ns
  for ns in $(lab_namespaces); do
    echo "== $ns"
    ip -n "$ns" -br addr show | grep -v '^lo' || true
    ip netns exec "$ns" nft list ruleset 2>/dev/null | grep -E 'numgen|drop' || true
    tc -n "$ns" qdisc show | grep tbf || true
  done
}

cmd=${1:-}
[ $# -gt 0 ] && shift
case "$cmd" in
  up)
    [ $# -eq 1 ] || die "usage: lab.sh up N"
    [[ "$1" =~ ^[0-9]+$ ]] && [ "$1" -ge 1 ] && [ "$1" -le $max_receivers ] || die "up needs a receiver count 1..$max_receivers, got '$1'"
    # A lab half built is removed again: nothing may stay behind when up fails.
    trap 'rc=$?; [ $rc -eq 0 ] || down; exit $rc' EXIT
    up "$1"
    ;;
  down) down ;;
  loss) [ $# -eq 2 ] || die "usage: lab.sh loss HOST|all PERMILLE"; loss "$1" "$2" ;;
  gbe) gbe "${1:-on}" ;;
  linkdown) [ $# -eq 1 ] || die "usage: lab.sh linkdown HOST"; linkstate "$1" down ;;
  linkup) [ $# -eq 1 ] || die "usage: lab.sh linkup HOST"; linkstate "$1" up ;;
  exec) [ $# -ge 2 ] || die "usage: lab.sh exec HOST CMD..."; ns=$(host_ns "$1"); shift; exec ip netns exec "$ns" "$@" ;;
  addr) [ $# -eq 1 ] || die "usage: lab.sh addr HOST"; host_addr "$(host_ns "$1")" ;;
  bound) [ $# -eq 2 ] || die "usage: lab.sh bound HOST PORT"; bound "$(host_ns "$1")" "$2" ;;
  hosts) lab_namespaces | sed -n "s/^${prefix}-\(tx\|rx[0-9]*\)\$/\1/p" | sort -V ;;
  count) receiver_count ;;
  counters)
    if [ "${1:-}" = reset ]; then
      [ $# -eq 4 ] || die "usage: lab.sh counters reset HOST DATAPORT FEEDBACKPORT"
      counters_reset "$(host_ns "$2")" "$3" "$4"
    else
      [ $# -eq 1 ] || die "usage: lab.sh counters HOST"
      counters_show "$(host_ns "$1")"
    fi
    ;;
  status) status ;;
  snoop) snoop ;;
  registered|forget)
    [ $# -eq 2 ] || die "usage: lab.sh $cmd HOST GROUP"
    ns=$(host_ns "$1") || exit 2
    "$cmd" "${ns##*-}" "$2"
    ;;
  *) sed -n '2,/^[^#]/p' "$0" | sed '$d; s/^# \{0,1\}//' >&2; exit 2 ;;
esac
