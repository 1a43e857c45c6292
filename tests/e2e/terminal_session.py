"""Drive rehearse on a pseudo-terminal, as a person would.

Checks that readline prompts work on a terminal; that Tab completes the
session commands without a trailing space; that Ctrl-C clears a line
being typed and, at an empty prompt, ends the session (exit 0) as Ctrl-D
does; that SIGTERM ends it with 128+15; each time with the terminal's
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


unread = {}  # per terminal: output after the last needle found


def read_until(fd, needle, timeout=10.0):
    """Reads until needle appears; what follows it is kept for the next
    call, so two needles in one chunk are both seen."""
    data = unread.pop(fd, b"")
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
    at = data.find(needle.encode())
    if at < 0:
        fail("never saw %r; got %r" % (needle, data[-300:]))
    else:
        unread[fd] = data[at + len(needle):]
        data = data[:at + len(needle)]
    # Type like a person: after the prompt is up, not in the same instant
    # (readline sets the terminal's modes just after printing it).
    time.sleep(0.2)
    return data.decode(errors="replace")


def finish(pid, fd):
    _, status = os.waitpid(pid, 0)
    modes = termios.tcgetattr(slave)
    os.close(slave)
    os.close(fd)
    unread.pop(fd, None)
    return modes, status


def check_restored(modes, what):
    lflag = modes[3]
    if not (lflag & termios.ECHO and lflag & termios.ICANON):
        fail("%s: terminal left without echo or line mode" % what)


def expect_status(status, code, what):
    got = os.WEXITSTATUS(status) if os.WIFEXITED(status) else -status
    if got != code:
        fail("%s: expected exit status %d, got %r" % (what, code, got))


# Signals are sent directly: typing ^C also makes the terminal flush its
# queues, which races with what rehearse prints.

# Session 1: a grade, then Ctrl-C with text, Tab, Ctrl-C at an empty line.
pid, fd = spawn()
read_until(fd, "answer> ")
os.write(fd, b"my answer\r\r")
read_until(fd, "grade 0-5> ")
os.write(fd, b"4\r")
read_until(fd, "answer> ")
os.write(fd, b"half typed")
read_until(fd, "half typed")
os.kill(pid, signal.SIGINT)
read_until(fd, "^C")
read_until(fd, "answer> ")  # the old code ended the session here
# Tab completes ":su" to ":suspend" with no space after it, so a letter
# typed next is part of the word: an unknown command, never an answer.
os.write(fd, b":su\t")
read_until(fd, ":suspend")
os.write(fd, b"x\r")
read_until(fd, "unknown command ':suspendx' (try :help)")
read_until(fd, "answer> ")
os.write(fd, b"kept\r\r")
read_until(fd, "grade 0-5> ")
os.write(fd, b"2\r")
read_until(fd, "again later today")
read_until(fd, "answer> ")
os.kill(pid, signal.SIGINT)  # at an empty prompt: the session ends
read_until(fd, "Reviewed 2 cards")
modes, status = finish(pid, fd)
check_restored(modes, "Ctrl-C")
expect_status(status, 0, "Ctrl-C at an empty prompt")

# Session 2: SIGTERM at the answer prompt ends with 128+15.
pid, fd = spawn()
read_until(fd, "answer> ")
os.write(fd, b"going")
read_until(fd, "going")
os.kill(pid, signal.SIGTERM)
read_until(fd, "No cards reviewed")
modes, status = finish(pid, fd)
check_restored(modes, "SIGTERM")
expect_status(status, 128 + signal.SIGTERM, "SIGTERM")

# Session 3: Ctrl-D at the grade prompt.
pid, fd = spawn()
read_until(fd, "answer> ")
os.write(fd, b"\r")
read_until(fd, "grade 0-5> ")
os.write(fd, b"\x04")
read_until(fd, "No cards reviewed")
modes, status = finish(pid, fd)
check_restored(modes, "Ctrl-D")
expect_status(status, 0, "Ctrl-D")

print("all checks passed" if failures == 0 else "%d failed" % failures)
sys.exit(1 if failures else 0)
