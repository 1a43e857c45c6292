"""Drive rehearse on a pseudo-terminal, as a person would.

Checks that readline prompts work on a terminal, that Tab completes the
session commands, and that Ctrl-C and Ctrl-D leave with the terminal's
modes restored and every grade kept.  Usage: tty.py REHEARSE_BINARY
"""
import fcntl
import os
import select
import signal
import sys
import termios
import time

binary = sys.argv[1]
signal.alarm(60)  # a hung terminal must fail the test, not stall it
failures = 0


def fail(message):
    global failures
    failures += 1
    print("FAIL:", message, file=sys.stderr)


def spawn():
    """Start rehearse on a new pseudo-terminal.  The parent keeps the
    terminal's slave side open so its modes can be read after rehearse
    exits."""
    global slave
    master, slave = os.openpty()
    pid = os.fork()
    if pid == 0:
        os.setsid()
        fcntl.ioctl(slave, termios.TIOCSCTTY, 0)
        for target in (0, 1, 2):
            os.dup2(slave, target)
        os.close(master)
        os.execv(binary, [binary, "--new", "5"])
    return pid, master


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
    # Type like a person: after the prompt is up, not in the same instant
    # (readline sets the terminal's modes just after printing it).
    time.sleep(0.2)
    return data.decode(errors="replace")


def finish(pid, fd):
    _, status = os.waitpid(pid, 0)
    modes = termios.tcgetattr(slave)
    os.close(slave)
    os.close(fd)
    return modes, status


def check_restored(modes, what):
    lflag = modes[3]
    if not (lflag & termios.ECHO and lflag & termios.ICANON):
        fail("%s: terminal left without echo or line mode" % what)


# Ctrl-C at the answer prompt, after one grade.
pid, fd = spawn()
read_until(fd, "answer> ")
os.write(fd, b"my answer\r")
read_until(fd, "grade 0-5> ")
os.write(fd, b"4\r")
read_until(fd, "answer> ")
os.write(fd, b":su\t")
echo = read_until(fd, ":suspend")
os.write(fd, b"\x15")  # Ctrl-U: drop the completed command
read_until(fd, "\x1b[K")
# The signal Ctrl-C raises, sent directly: typing ^C also makes the
# terminal flush its queues, which races with what rehearse prints.
os.kill(pid, signal.SIGINT)
read_until(fd, "Reviewed 1 card")
modes, status = finish(pid, fd)
check_restored(modes, "Ctrl-C")
if not (os.WIFSIGNALED(status) or os.WEXITSTATUS(status) == 130):
    fail("Ctrl-C: expected exit status 130, got %r" % status)

# Ctrl-D at the grade prompt.
pid, fd = spawn()
read_until(fd, "answer> ")
os.write(fd, b"\r")
read_until(fd, "grade 0-5> ")
os.write(fd, b"\x04")
read_until(fd, "No cards reviewed")
modes, status = finish(pid, fd)
check_restored(modes, "Ctrl-D")
if os.WEXITSTATUS(status) != 0:
    fail("Ctrl-D: expected exit status 0, got %r" % status)

print("all checks passed" if failures == 0 else "%d failed" % failures)
sys.exit(1 if failures else 0)
