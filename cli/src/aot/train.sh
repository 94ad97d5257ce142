#!/usr/bin/env bash
# Makes the JDK AOT caches that bin/netpipe uses (cli/target/*.aot): each training run goes through the launcher
# with NETPIPE_AOT_TRAIN=1, and each JVM in it records the classes it loads and links.
#   socketpipe-{local,serve}.aot  one small socketpipe run: its local side and its server instance
#   send.aot, recv.aot            one 2 MiB transfer over loopback broadcast (127.255.255.255), one receiver
# Run by `mvn package` (cli/pom.xml) right after the jar is built, and by dist/src/dist.sh for the distribution's
# own runtime (a cache only serves the JVM that wrote it); the two trainings run side by side.
# A failed training never fails the build: that mode then starts without the cache (see README, "Start-up").
#   train.sh [LAUNCHER LIBDIR LOGDIR]   defaults: bin/netpipe, cli/target (where that launcher's jar is), cli/target
here=$(cd "$(dirname "$0")/../../.." && pwd)
launcher=${1:-$here/bin/netpipe}
lib=${2:-$here/cli/target}
target=${3:-$here/cli/target}
rm -f "$lib"/socketpipe-*.aot "$lib"/send.aot "$lib"/recv.aot

# send and recv: a real transfer, the path a lab takes (the batch transport, a session, the receiver's output).
# The port is picked at random and the session named, so a test running on this machine at the same time neither
# feeds this receiver nor hears this sender; both sides give up rather than hang the build.
train_transfer() {
  local port=$((20000 + (RANDOM * 32768 + RANDOM) % 40000)) session="aot-train-$$" input="$target/aot-train.bin"
  head -c 2M /dev/urandom > "$input"
  NETPIPE_AOT_TRAIN=1 timeout 120 "$launcher" recv --port "$port" --session "$session" --timeout 60s \
    > "$target/aot-train.out" 2> "$target/aot-train-recv.log" &
  local recv_pid=$!
  NETPIPE_AOT_TRAIN=1 timeout 120 "$launcher" send -n 1 --min-receivers 1 --max-wait 60s \
    --dest 127.255.255.255 --port "$port" --session "$session" "$input" > "$target/aot-train-send.log" 2>&1
  local send_status=$?
  wait "$recv_pid"
  local recv_status=$?
  cmp -s "$input" "$target/aot-train.out" || echo "netpipe: AOT training transfer: output differs" >> "$target/aot-train-recv.log"
  rm -f "$input" "$target/aot-train.out"
  echo "send exited $send_status, recv $recv_status"
}
train_transfer > "$target/aot-train-transfer.status" 2>&1 &
transfer_pid=$!

# The run takes the path a real ssh login takes, so the cache holds its classes too (the -t parser, `ssh -G` run
# alongside for -f, the server instance's SSH_CONNECTION lookup, -b): the login words have an `ssh` word, but
# sh drops it and the host and runs the server instance here. Without an ssh client, a plain local login.
login=(env)
if command -v ssh >/dev/null 2>&1; then
  # shellcheck disable=SC2016
  login=(sh -c 'shift 2; SSH_CONNECTION="127.0.0.1 22 127.0.0.1 22" exec "$@"' sh ssh 127.0.0.1)
fi
# The JVM server instance, which bin/netpipe runs only when its shell cannot serve, is trained too.
NETPIPE_AOT_TRAIN=1 NETPIPE_SOCKETPIPE_SERVER=jvm "$launcher" socketpipe -b -t 60s -i { head -c 1M /dev/zero } -l { "${login[@]}" } \
  -r { cat } -o { cmp -s - /dev/zero } >"$target/aot-train.log" 2>&1
status=$?
wait "$transfer_pid"
for cache in "$lib"/socketpipe-local.aot "$lib"/socketpipe-serve.aot; do
  if [ ! -s "$cache" ]; then
    rm -f "$cache"
    echo "netpipe: no AOT cache $cache (training exited $status, see $target/aot-train.log): socketpipe will start slower" >&2
  fi
done
for cache in "$lib"/send.aot "$lib"/recv.aot; do
  if [ ! -s "$cache" ]; then
    rm -f "$cache"
    echo "netpipe: no AOT cache $cache (training: $(cat "$target/aot-train-transfer.status"), see $target/aot-train-*.log): send and recv will start slower" >&2
  fi
done
# The JVM removes its temporary configuration files itself; a training killed midway may leave one behind.
rm -f "$lib"/*.aot.config
exit 0
