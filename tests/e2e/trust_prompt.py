"""Answer the trust question of `import -p` on a pseudo-terminal.

Usage: trust_prompt.py REHEARSE PUBKEY DECK ANSWER
Prints rehearse's exit status; its output goes to stderr for the log.
"""
import os
import select
import signal
import sys
import time

rehearse, pubkey, deck, answer = sys.argv[1:5]
signal.alarm(30)
master, slave = os.openpty()
pid = os.fork()
if pid == 0:
    os.setsid()
    for target in (0, 1, 2):
        os.dup2(slave, target)
    os.close(master)
    os.execv(rehearse, [rehearse, "import", "-p", pubkey, deck])
os.close(slave)
seen = b""
while b"from now on?" not in seen:
    ready, _, _ = select.select([master], [], [], 10)
    if not ready:
        break
    try:
        chunk = os.read(master, 4096)
    except OSError:
        break
    if not chunk:
        break
    seen += chunk
time.sleep(0.2)
os.write(master, answer.encode() + b"\r")
while True:
    try:
        chunk = os.read(master, 4096)
    except OSError:
        break
    if not chunk:
        break
    seen += chunk
_, status = os.waitpid(pid, 0)
sys.stderr.write(seen.decode(errors="replace"))
print(os.WEXITSTATUS(status) if os.WIFEXITED(status) else 128)
