#!/usr/bin/env bash
# A private Docker-compatible engine for the tests: podman's API service on a socket of its own, with all
# its state (configuration, images, containers) under one directory, nothing changed in /etc.
#
#   scripts/test_engine.sh start DIR   # prints the DOCKER_HOST URL once the engine answers /_ping
#   scripts/test_engine.sh stop DIR    # stops the service and removes every container it ran
#
# The test image `agent-backends-test/busybox:latest` is imported from the host's busybox-static (no
# registry needed). When podman cannot run here, `start` exits 77 with the reason on stderr.
set -euo pipefail

command=${1:?usage: test_engine.sh start|stop DIR}
dir=${2:?usage: test_engine.sh start|stop DIR}
image=agent-backends-test/busybox:latest

skip() { echo "test engine unavailable: $*" >&2; exit 77; }

podman_here() {
  CONTAINERS_CONF="$dir/containers.conf" CONTAINERS_STORAGE_CONF="$dir/storage.conf" \
    podman --root "$dir/storage" --runroot "$dir/run" "$@"
}

write_configuration() {
  mkdir -p "$dir/storage" "$dir/run" "$dir/tmp"
  # The machine's hard nofile limit is below podman's default ulimit; crun fails on hybrid cgroups; conmon
  # keeps exec sessions 300 s by default, which exec-heavy tests would pile up.
  cat >"$dir/containers.conf" <<EOF
[containers]
default_ulimits = ["nofile=1024:1024", "nproc=4096:4096"]
[engine]
runtime = "runc"
cgroup_manager = "cgroupfs"
events_logger = "file"
exit_command_delay = 5
tmp_dir = "$dir/tmp"
EOF
  cat >"$dir/storage.conf" <<EOF
[storage]
driver = "overlay"
graphroot = "$dir/storage"
runroot = "$dir/run"
EOF
}

import_busybox_image() {
  podman_here image exists "$image" && return 0
  local rootfs="$dir/rootfs"
  rm -rf "$rootfs"
  mkdir -p "$rootfs/bin" "$rootfs/tmp" "$rootfs/etc" "$rootfs/proc" "$rootfs/sys" "$rootfs/dev" "$rootfs/root"
  chmod 1777 "$rootfs/tmp"  # as in real images: commands of any user keep files there
  cp "$(command -v busybox)" "$rootfs/bin/busybox"
  local applet
  for applet in $("$rootfs/bin/busybox" --list); do
    [[ $applet == busybox ]] || ln -sf busybox "$rootfs/bin/$applet"
  done
  echo "root:x:0:0:root:/root:/bin/sh" >"$rootfs/etc/passwd"
  echo "root:x:0:" >"$rootfs/etc/group"
  tar -C "$rootfs" -c . | podman_here import - "$image" >"$dir/import.log" 2>&1
  rm -rf "$rootfs"
}

wait_for_ping() {
  local socket=$1
  for _ in $(seq 1 100); do
    if curl -sf --unix-socket "$socket" http://d/_ping >/dev/null 2>&1; then return 0; fi
    kill -0 "$(cat "$dir/service.pid")" 2>/dev/null || return 1
    sleep 0.1
  done
  return 1
}

case $command in
  start)
    command -v podman >/dev/null || skip "podman is not installed (scripts/setup.sh installs it)"
    command -v runc >/dev/null || skip "runc is not installed"
    command -v busybox >/dev/null || skip "busybox-static is not installed"
    [[ $(id -u) -eq 0 ]] || skip "podman runs containers here only as root"
    mkdir -p "$dir"
    dir=$(cd "$dir" && pwd)
    write_configuration
    import_busybox_image || skip "podman could not import the busybox image"
    socket="$dir/podman.sock"
    if [[ -f $dir/service.pid ]] && kill -0 "$(cat "$dir/service.pid")" 2>/dev/null; then
      echo "unix://$socket"; exit 0
    fi
    rm -f "$socket"
    CONTAINERS_CONF="$dir/containers.conf" CONTAINERS_STORAGE_CONF="$dir/storage.conf" \
      setsid podman --root "$dir/storage" --runroot "$dir/run" system service --time=0 "unix://$socket" \
      >"$dir/service.log" 2>&1 </dev/null &
    echo $! >"$dir/service.pid"
    wait_for_ping "$socket" || skip "podman's API service did not answer (see $dir/service.log)"
    echo "unix://$socket"
    ;;
  stop)
    [[ -d $dir ]] || exit 0
    dir=$(cd "$dir" && pwd)
    if command -v podman >/dev/null; then podman_here rm --all --force --time 0 >/dev/null 2>&1 || true; fi
    if [[ -f $dir/service.pid ]]; then
      pid=$(cat "$dir/service.pid")
      kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
      for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -KILL -- "-$pid" 2>/dev/null || true
      rm -f "$dir/service.pid"
    fi
    ;;
  *) echo "usage: test_engine.sh start|stop DIR" >&2; exit 2 ;;
esac
