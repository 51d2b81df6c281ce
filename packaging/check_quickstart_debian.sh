#!/bin/sh
# Checks the README's two Quick start commands on a minimal Debian 12 ("bookworm"):
# `debootstrap --variant=minbase` plus python3, this repository copied in (git archive HEAD:
# the committed state), then, as root inside the chroot, each on a system of its own (so
# neither benefits from what the other installed):
#
#   python3 packaging/quickstart.py test   no display: offscreen, the whole suite including
#                                          the packaging test
#   python3 packaging/quickstart.py app    on an Xvfb display of the host (the chroot gets
#                                          only the X socket): passes when the window has
#                                          painted and is still up STAY_UP seconds later
#
# and lists the Debian packages each command installed. Not part of .ci/run: it needs root,
# the network and 10 to 30 minutes (6 here, with fast mirrors), most of it the test suite.
#
#   sudo packaging/check_quickstart_debian.sh [WORK_DIR]    (default /var/tmp/dossier-debian)
#
# Needs debootstrap, Xvfb (package xvfb) and git on the host. The debootstrapped system is
# kept as WORK_DIR/bookworm-minbase.tar and unpacked afresh for every run; the report goes
# to WORK_DIR/report.txt, the commands' output to WORK_DIR/app.log and WORK_DIR/test.log.
set -eu

REPO=$(cd "$(dirname "$0")/.." && pwd)
WORK=${1:-/var/tmp/dossier-debian}
MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
STAY_UP=${STAY_UP:-10}
APP_TIMEOUT=${APP_TIMEOUT:-1800}
DISPLAY_NUMBER=${DISPLAY_NUMBER:-97}
ROOT="$WORK/rootfs"
TARBALL="$WORK/bookworm-minbase.tar"

say() { printf '\n==> %s\n' "$*"; }
fail() { printf 'check_quickstart_debian: %s\n' "$*" >&2; exit 2; }

[ "$(id -u)" = 0 ] || fail "run as root (debootstrap and chroot need it)"
for tool in debootstrap Xvfb git; do
    command -v "$tool" >/dev/null || fail "$tool is missing (apt-get install debootstrap xvfb git)"
done
mkdir -p "$WORK"

XVFB_PID=""
cleanup() {
    [ -n "$XVFB_PID" ] && kill "$XVFB_PID" 2>/dev/null || true
    for mount in tmp/.X11-unix dev sys proc; do
        if mountpoint -q "$ROOT/$mount" 2>/dev/null; then umount -R "$ROOT/$mount" || true; fi
    done
}
trap cleanup EXIT INT TERM

if [ ! -f "$TARBALL" ]; then
    say "debootstrap --variant=minbase bookworm (+ python3) from $MIRROR"
    rm -rf "$ROOT"
    debootstrap --variant=minbase --include=python3 bookworm "$ROOT" "$MIRROR"
    tar -C "$ROOT" -cf "$TARBALL.partial" . && mv "$TARBALL.partial" "$TARBALL"
fi
COMMIT=$(git -C "$REPO" rev-parse --short HEAD)
# A fresh minimal system from the tarball, with this repository's committed state in it.
fresh_system() {
    cleanup
    say "A fresh minimal system from $TARBALL"
    rm -rf "$ROOT"
    mkdir -p "$ROOT"
    tar -C "$ROOT" -xf "$TARBALL"
    cp /etc/resolv.conf "$ROOT/etc/resolv.conf"
    # Certificate authorities the host added (a network that inspects TLS): trusted in the
    # chroot too once apt installs ca-certificates there. Nothing to copy on most hosts.
    mkdir -p "$ROOT/usr/local/share/ca-certificates"
    for ca in /usr/local/share/ca-certificates/*.crt; do
        [ -f "$ca" ] && cp "$ca" "$ROOT/usr/local/share/ca-certificates/"
    done
    mkdir -p "$ROOT/root/repo" "$ROOT/tmp/.X11-unix"
    git -C "$REPO" archive "$COMMIT" | tar -x -C "$ROOT/root/repo"
    mount -t proc proc "$ROOT/proc"
    mount -t sysfs sysfs "$ROOT/sys"
    mount --rbind /dev "$ROOT/dev"
    mount --make-rslave "$ROOT/dev"
}

# Run a command in the chroot with a clean environment (plus any VAR=value given first).
in_chroot() {
    chroot "$ROOT" /usr/bin/env -i HOME=/root LANG=C.UTF-8 TERM=dumb \
        PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin "$@"
}
packages() { in_chroot dpkg-query -W -f='${Package}\n' | sort; }
installed_by() {  # before-list after-list -> "N packages: a b c"
    new=$(comm -13 "$1" "$2")
    printf '%s packages: %s' "$(printf '%s' "$new" | grep -c . || true)" "$(echo $new)"
}

fresh_system
packages >"$WORK/packages-0.txt"
python_version=$(in_chroot python3 --version)

say "quickstart.py test (no display)"
started=$(date +%s)
if in_chroot sh -c 'cd /root/repo && exec python3 packaging/quickstart.py test' \
    >"$WORK/test.log" 2>&1; then
    test_result="PASSED"
else
    test_result="FAILED (exit $?): see $WORK/test.log"
fi
packages >"$WORK/packages-1.txt"
test_seconds=$(($(date +%s) - started))

fresh_system
packages >"$WORK/packages-2.txt"

say "quickstart.py app (display :$DISPLAY_NUMBER, Xvfb on the host)"
mkdir -p /tmp/.X11-unix
mount --bind /tmp/.X11-unix "$ROOT/tmp/.X11-unix"
Xvfb ":$DISPLAY_NUMBER" -screen 0 1280x1024x24 -nolisten tcp >"$WORK/xvfb.log" 2>&1 &
XVFB_PID=$!
sleep 2
started=$(date +%s)
in_chroot DISPLAY=":$DISPLAY_NUMBER" QT_LOGGING_RULES=qt.widgets.painting=true \
    sh -c 'cd /root/repo && exec python3 packaging/quickstart.py app' >"$WORK/app.log" 2>&1 &
APP_PID=$!
app_result="FAILED: no window within $APP_TIMEOUT s"
waited=0
while [ "$waited" -lt "$APP_TIMEOUT" ]; do
    if grep -q 'Flushing.*name="mainWindow"' "$WORK/app.log"; then
        sleep "$STAY_UP"
        if kill -0 "$APP_PID" 2>/dev/null; then
            app_result="PASSED: the window painted and was still up $STAY_UP s later"
        else
            app_result="FAILED: the window closed by itself"
        fi
        break
    fi
    if ! kill -0 "$APP_PID" 2>/dev/null; then
        app_result="FAILED: quickstart.py app ended before a window painted"
        break
    fi
    sleep 2
    waited=$((waited + 2))
done
kill -TERM "$APP_PID" 2>/dev/null || true
wait "$APP_PID" 2>/dev/null || true
packages >"$WORK/packages-3.txt"
app_seconds=$(($(date +%s) - started))

{
    echo "Quick start on Debian 12 (debootstrap --variant=minbase, + python3: $python_version)"
    echo "repository: $COMMIT"
    echo "test: $test_result ($test_seconds s)"
    echo "      apt installed $(installed_by "$WORK/packages-0.txt" "$WORK/packages-1.txt")"
    echo "app:  $app_result ($app_seconds s)"
    echo "      apt installed $(installed_by "$WORK/packages-2.txt" "$WORK/packages-3.txt")"
    grep -E '^(packaging: bundle built|=+ .*(passed|failed))' "$WORK/test.log" | tail -2
} | tee "$WORK/report.txt"
case "$app_result $test_result" in *FAILED*) exit 1 ;; esac
