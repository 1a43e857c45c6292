"""Passphrase prompts on a pseudo-terminal: Ctrl-C leaves the terminal's
echo on, and a passphrase longer than 1024 bytes is refused and asked
again, never cut short.  Usage: passphrase_tty.py REHEARSE WORKDIR"""
import fcntl
import os
import select
import signal
import sys
import termios
import time

binary, work = sys.argv[1], sys.argv[2]
signal.alarm(60)
failures = 0


def fail(message):
    global failures
    failures += 1
    print("FAIL:", message, file=sys.stderr)


def spawn(args):
    master, slave = os.openpty()
    pid = os.fork()
    if pid == 0:
        os.setsid()
        fcntl.ioctl(slave, termios.TIOCSCTTY, 0)
        for target in (0, 1, 2):
            os.dup2(slave, target)
        os.close(master)
        os.execv(binary, [binary] + args)
    return pid, master, slave


def read_until(fd, needle, timeout=10.0):
    data = b""
    end = time.time() + timeout
    while needle.encode() not in data and time.time() < end:
        ready, _, _ = select.select([fd], [], [], 0.1)
        if ready:
            try:
                chunk = os.read(fd, 4096)
            except OSError:
                break
            if not chunk:
                break
            data += chunk
    if needle.encode() not in data:
        fail("never saw %r; got %r" % (needle, data[-300:]))
    time.sleep(0.2)  # the prompt turns echo off just after printing
    return data


def keygen(name):
    return ["keygen", "-s", os.path.join(work, name + ".key"),
            "-p", os.path.join(work, name + ".pub")]


# Ctrl-C at the passphrase prompt: echo is back, then the signal acts.
pid, fd, slave = spawn(keygen("interrupted"))
read_until(fd, "Passphrase: ")
os.kill(pid, signal.SIGINT)
_, status = os.waitpid(pid, 0)
if not termios.tcgetattr(slave)[3] & termios.ECHO:
    fail("Ctrl-C at the passphrase left the terminal without echo")
if not (os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGINT):
    fail("Ctrl-C at the passphrase: expected death by SIGINT, got %r" % status)
os.close(slave)
os.close(fd)

# Too long: refused with a message and asked again.
pid, fd, slave = spawn(keygen("long"))
read_until(fd, "Passphrase: ")
os.write(fd, b"a" * 1100 + b"\r")
# The message and the new prompt can arrive in one read.
read_until(fd, "passphrase refused: longer than 1024 bytes; type a shorter "
           "one\r\nPassphrase: ")
os.write(fd, b"short enough\r")
read_until(fd, "Passphrase (again): ")
os.write(fd, b"short enough\r")
read_until(fd, "key id")
_, status = os.waitpid(pid, 0)
if not (os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0):
    fail("keygen after a refused passphrase: status %r" % status)
os.close(slave)
os.close(fd)

print("all checks passed" if failures == 0 else "%d failed" % failures)
sys.exit(1 if failures else 0)
