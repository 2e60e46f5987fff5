"""Runs a command in a pseudo-terminal (for tests of terminal behaviour: prompts, Ctrl-C, follow-ups).

Usage: python3 ptyRelay.py COMMAND [ARGS...]. Bytes written to this script's stdin go to the terminal as if
typed (b"\\x03" is Ctrl-C: the terminal sends SIGINT to the command); everything the command writes to the
terminal (stdout and stderr) comes out on this script's stdout. Exits with the command's exit code (128+N for
signal N). SIGTERM and SIGHUP sent to this script are passed on to the command. Only the Python standard library: it runs wherever python3 does (Linux and macOS CI).
"""
import fcntl
import os
import pty
import select
import signal
import struct
import sys
import termios

pid, master = pty.fork()
if pid == 0:
    os.execvp(sys.argv[1], sys.argv[1:])

# A signal sent to the relay (SIGTERM, SIGHUP) is passed on to the command, as a terminal's closing would.
for forwarded in (signal.SIGTERM, signal.SIGHUP):
    signal.signal(forwarded, lambda number, _frame: os.kill(pid, number))
fcntl.ioctl(master, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
is_stdin_open = True
while True:
    readable, _, _ = select.select([master] + ([0] if is_stdin_open else []), [], [])
    if master in readable:
        try:
            data = os.read(master, 65536)
        except OSError:
            data = b""
        if not data:
            break
        os.write(1, data)
    if 0 in readable:
        typed = os.read(0, 65536)
        if typed:
            os.write(master, typed)
        else:
            is_stdin_open = False

_, status = os.waitpid(pid, 0)
code = os.waitstatus_to_exitcode(status)
sys.exit(128 - code if code < 0 else code)
