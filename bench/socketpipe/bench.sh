#!/usr/bin/env bash
# Benchmark: 1 GiB into a consuming process on this host, by
#   netpipe socketpipe with -l { env } (server instance started locally),
#   netpipe socketpipe through ssh to a private sshd on 127.0.0.1 (needs root and openssh-server),
#   nc to nc on loopback (head | nc -N  ->  nc -l | sink), and with no consumer (nc -l > /dev/null),
#   piping through ssh (head | ssh host sink),
#   a local pipe (head | sink), the upper bound,
#   netpipe socketpipe through ssh with the JVM server instance (bin/netpipe serves with its shell by default),
#   socketpipe 1.10 with -l { env } and through ssh, both with -h 127.0.0.1, when given a binary of it.
# Runs are interleaved (each round runs every method once); the table shows medians. The transfer time is measured by
# the sink from the first byte to end of file (setup excluded); wall is the whole command (JVM start, ssh login included).
# Only loopback addresses are used. Everything started here (sshd, nc listeners, temp files) is cleaned up on exit.
#
# Usage: bench/socketpipe/bench.sh [--runs N] [--size SIZE] [--socketpipe110 PATH]
#   SIZE as head -c takes it (default 1G; --size 1 measures start-up), 5 runs by default.
#   PATH: an already built socketpipe 1.10 binary (also $SOCKETPIPE110). This script builds nothing: without one,
#   the 1.10 rows are skipped with a message. The remote side runs `socketpipe` from the binary's directory.
set -euo pipefail

here=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)
home=$(cd "$here/../.." && pwd)
netpipe="$home/bin/netpipe"
sink="$here/sink.sh"
runs=5
size=1G
sp110=${SOCKETPIPE110:-}
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs=$2; shift 2 ;;
    --size) size=$2; shift 2 ;;
    --socketpipe110) sp110=$2; shift 2 ;;
    *) echo "usage: $0 [--runs N] [--size SIZE] [--socketpipe110 PATH]" >&2; exit 2 ;;
  esac
done
if [ -n "$sp110" ]; then
  [ -x "$sp110" ] || { echo "bench: $sp110 is not an executable socketpipe 1.10 binary" >&2; exit 2; }
  sp110=$(readlink -f "$sp110")
fi
[ -x "$netpipe" ] && [ -f "$home/cli/target/netpipe.jar" ] || { echo "bench: build first: mvn -q -DskipTests package" >&2; exit 1; }

work=$(mktemp -d /tmp/netpipe-socketpipe-bench.XXXXXX)
sshd_pid=""
nc_pid=""
sink_pid=""
cleanup() {
  [ -n "$nc_pid" ] && kill "$nc_pid" 2>/dev/null || true
  [ -n "$sink_pid" ] && kill "$sink_pid" 2>/dev/null || true
  [ -n "$sshd_pid" ] && kill "$sshd_pid" 2>/dev/null && wait "$sshd_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT   # exit, which runs cleanup: a trap that returned would carry on benchmarking
trap 'exit 143' TERM

free_port() {
  local port
  while :; do
    port=$((20000 + RANDOM % 20000))
    [ -z "$(ss -ltnH "sport = :$port")" ] && { echo "$port"; return; }
  done
}

wait_listening() {
  local port=$1 i
  for i in $(seq 200); do
    [ -n "$(ss -ltnH "sport = :$port")" ] && return 0
    sleep 0.02
  done
  echo "bench: nothing listens on port $port" >&2
  return 1
}

ssh_login=()
start_sshd() {
  if [ "$(id -u)" != 0 ] || [ ! -x /usr/sbin/sshd ]; then
    echo "bench: not root or no /usr/sbin/sshd: skipping the ssh methods" >&2
    return
  fi
  local d="$work/sshd" port
  mkdir -p "$d" /run/sshd
  ssh-keygen -q -t ed25519 -N '' -f "$d/host_key"
  ssh-keygen -q -t ed25519 -N '' -f "$d/client_key"
  cp "$d/client_key.pub" "$d/authorized_keys"
  port=$(free_port)
  cat > "$d/sshd_config" <<CONFIG
Port $port
ListenAddress 127.0.0.1
HostKey $d/host_key
AuthorizedKeysFile $d/authorized_keys
PidFile $d/sshd.pid
StrictModes no
UsePAM no
PermitRootLogin yes
PasswordAuthentication no
KbdInteractiveAuthentication no
LogLevel ERROR
CONFIG
  /usr/sbin/sshd -D -e -f "$d/sshd_config" 2>"$d/log" &
  sshd_pid=$!
  wait_listening "$port"
  ssh_login=(ssh -F /dev/null -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o BatchMode=yes
    -o LogLevel=ERROR -i "$d/client_key" -p "$port" 127.0.0.1)
}

now_ns() { date +%s%N; }

# Each method writes the sink's record to $work/rec; run_one prints "transfer_ns wall_ns bytes".
m_pipe() { head -c "$size" /dev/zero | sh "$sink" "$work/rec"; }
m_netpipe_env() {
  "$netpipe" socketpipe -b -i { head -c "$size" /dev/zero } -l { env } -r { sh "$sink" "$work/rec" }
}
m_netpipe_ssh() {
  "$netpipe" socketpipe -b -i { head -c "$size" /dev/zero } -l { "${ssh_login[@]}" } -r { sh "$sink" "$work/rec" }
}
m_nc() {
  local port
  port=$(free_port)
  # Through a FIFO rather than a pipeline, so both PIDs are known and cleanup can stop both.
  rm -f "$work/fifo" && mkfifo "$work/fifo"
  sh "$sink" "$work/rec" < "$work/fifo" &
  sink_pid=$!
  nc -l 127.0.0.1 "$port" </dev/null >"$work/fifo" &
  nc_pid=$!
  wait_listening "$port"
  head -c "$size" /dev/zero | nc -N 127.0.0.1 "$port"
  wait "$nc_pid" "$sink_pid"
  nc_pid=""
  sink_pid=""
}
# nc with no consumer behind it (its output to /dev/null): no sink to time the first byte, so its transfer time is
# its wall time, setup included (for nc that is a few milliseconds).
m_nc_devnull() {
  local port t0
  port=$(free_port)
  nc -l 127.0.0.1 "$port" </dev/null >/dev/null &
  nc_pid=$!
  wait_listening "$port"
  t0=$(now_ns)
  head -c "$size" /dev/zero | nc -N 127.0.0.1 "$port"
  wait "$nc_pid"
  nc_pid=""
  echo "$t0 $(now_ns) $expected" > "$work/rec"
}
# The same with the JVM server instance, which bin/netpipe starts only when its shell cannot serve the remote side.
m_netpipe_ssh_jvm() {
  NETPIPE_REMOTE="env NETPIPE_SOCKETPIPE_SERVER=jvm $netpipe" "$netpipe" socketpipe -b -i { head -c "$size" /dev/zero } \
    -l { "${ssh_login[@]}" } -r { sh "$sink" "$work/rec" }
}
m_ssh_pipe() { head -c "$size" /dev/zero | "${ssh_login[@]}" sh "$sink" "$work/rec"; }
# socketpipe 1.10, with -h (without it 1.10 spends a second login finding the address; netpipe reads SSH_CONNECTION).
m_sp110_env() {
  "$work/bin/socketpipe" -b -h 127.0.0.1 -i { head -c "$size" /dev/zero } -l { env PATH="$work/bin:$PATH" } \
    -r { sh "$sink" "$work/rec" }
}
m_sp110_ssh() {
  "$work/bin/socketpipe" -b -h 127.0.0.1 -i { head -c "$size" /dev/zero } \
    -l { "${ssh_login[@]}" env PATH="$work/bin:/usr/local/bin:/usr/bin:/bin" } -r { sh "$sink" "$work/rec" }
}

run_one() {
  local method=$1 t0 t1
  rm -f "$work/rec"
  t0=$(now_ns)
  "$method" >/dev/null
  t1=$(now_ns)
  read -r s0 s1 bytes < "$work/rec"
  echo "$((s1 - s0)) $((t1 - t0)) $bytes"
}

median() { sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print int((v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }

start_sshd
methods=(m_pipe m_netpipe_env m_nc m_nc_devnull)
[ ${#ssh_login[@]} -gt 0 ] && methods+=(m_netpipe_ssh m_netpipe_ssh_jvm m_ssh_pipe)
if [ -n "$sp110" ]; then
  # 1.10's remote side runs `socketpipe` from PATH: a link of that name in a directory the login puts first.
  mkdir -p "$work/bin" && ln -s "$sp110" "$work/bin/socketpipe"
  methods+=(m_sp110_env)
  [ ${#ssh_login[@]} -gt 0 ] && methods+=(m_sp110_ssh)
else
  echo "bench: no socketpipe 1.10 binary given (--socketpipe110 PATH or \$SOCKETPIPE110): skipping its rows" >&2
fi
declare -A label=([m_pipe]="local pipe (upper bound)" [m_netpipe_env]="netpipe socketpipe -l { env }"
  [m_netpipe_ssh]="netpipe socketpipe -l { ssh }" [m_netpipe_ssh_jvm]="... with the JVM server instance" [m_nc]="nc to nc (loopback)"
  [m_nc_devnull]="nc to nc, no consumer" [m_ssh_pipe]="piping through ssh"
  [m_sp110_env]="socketpipe 1.10 -l { env } -h" [m_sp110_ssh]="socketpipe 1.10 -l { ssh } -h")

expected=$(head -c "$size" /dev/zero | wc -c)
for m in "${methods[@]}"; do "$m" >/dev/null 2>&1 || true; done   # warm-up round, not counted
for r in $(seq "$runs"); do
  for m in "${methods[@]}"; do
    result=$(run_one "$m")
    read -r transfer wall bytes <<<"$result"
    [ "$bytes" = "$expected" ] || { echo "bench: $m delivered $bytes bytes, not $expected" >&2; exit 1; }
    echo "$transfer" >> "$work/$m.transfer"
    echo "$wall" >> "$work/$m.wall"
    echo "round $r/$runs ${label[$m]}: transfer $((transfer / 1000000)) ms, wall $((wall / 1000000)) ms" >&2
  done
done

nc_ns=$(median < "$work/m_nc.transfer")
nc_wall=$(median < "$work/m_nc.wall")
ssh_ns=""
ssh_wall=""
if [ -f "$work/m_ssh_pipe.transfer" ]; then
  ssh_ns=$(median < "$work/m_ssh_pipe.transfer")
  ssh_wall=$(median < "$work/m_ssh_pipe.wall")
fi
ratio() { if [ -n "$1" ]; then awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2fx", a / b }'; else echo "-"; fi; }
echo
echo "$size bytes into a consuming process on loopback, median of $runs interleaved runs ($(nproc) cores, $(uname -r))"
echo
printf '| %-32s | %11s | %6s | %6s | %6s | %7s | %11s | %11s |\n' "method" "transfer ms" "MB/s" "vs nc" "vs ssh" \
  "wall ms" "wall vs nc" "wall vs ssh"
printf '|%s|%s|%s|%s|%s|%s|%s|%s|\n' "----------------------------------" "------------:" "-------:" "-------:" \
  "-------:" "--------:" "------------:" "------------:"
for m in "${methods[@]}"; do
  t=$(median < "$work/$m.transfer")
  w=$(median < "$work/$m.wall")
  printf '| %-32s | %11d | %6.0f | %6s | %6s | %7d | %11s | %11s |\n' "${label[$m]}" $((t / 1000000)) \
    "$(awk -v n="$expected" -v t="$t" 'BEGIN { print n / (t / 1e9) / 1e6 }')" \
    "$(ratio "$nc_ns" "$t")" "$(ratio "$ssh_ns" "$t")" $((w / 1000000)) "$(ratio "$nc_wall" "$w")" "$(ratio "$ssh_wall" "$w")"
done
echo
echo "vs nc, vs ssh: speed relative to that method (higher is faster), from the transfer medians; wall vs: the same"
echo "from the whole commands' wall-time medians (JVM starts and the ssh login included)."
if [ -f "$work/m_sp110_ssh.wall" ]; then
  echo "Through ssh, netpipe's wall time minus 1.10's (medians): $(( ($(median < "$work/m_netpipe_ssh.wall") - \
    $(median < "$work/m_sp110_ssh.wall")) / 1000000 )) ms."
fi
