"""In-container judge harness: PID 1 of every sandbox container, speaking line-delimited JSON with the host.

The harness runs as root inside the container, with only the capabilities it needs (SETUID/SETGID to start programs
as the `runner` user, KILL, CHOWN/FOWNER/DAC_OVERRIDE to seal /work and to empty /tmp whatever the program left
there). Programs (compilers, submissions, validators) always run as uid 10001 through the static launcher, so they
can neither signal, stop nor trace the harness or the launcher.

The host attaches to the container's stdin/stdout (no TTY) and sends one JSON object per line; the harness answers
each with one JSON line. Operations:

  {"op": "write", "files": {"/work/main.py": "<base64>"}, "mode": 0o644}     write files (creating folders)
  {"op": "own"}                      hand /work to the program's user (for compiling)
  {"op": "seal"}                     give /work back to root, read-only to the program (after compiling)
  {"op": "run", "argv": [...], "cwd": "/work", "stdin": "<base64>", "cpu_ms": 2000, "wall_ms": 3000,
   "wall_hard_ms": 5000, "fsize": 8388609, "nofile": 256, "stack": -1, "stdout_max": 8388608, "stderr_max": 8192,
   "env": {...}, "files": {...}, "mkdirs": [...], "collect": [...], "collect_max": 65536, "interactive": false}
                                     run one program through the launcher, then empty /tmp; interactive runs
                                     relay the program's stdin/stdout over this channel as {"data": "<base64>"} and
                                     {"eof": true} lines (and take {"kill": true} to end the run) until the reply
  {"op": "quit"}

Only the current test's input ever enters this container; answers never do. Every file the program may write lives
in /tmp (a private tmpfs emptied after every run); the working directory is read-only to it.
"""

from __future__ import annotations

import base64
import contextlib
import ctypes
import json
import os
import select
import signal
import stat
import subprocess
import sys
import time
from typing import Any

LAUNCH = "/opt/judge/launch"
IO_DIR = "/judge/run"
SCRATCH = "/tmp"
WORK = "/work"
RUNNER_UID = RUNNER_GID = 10001
PROGRAM_ENV = {"PATH": "/usr/local/bin:/usr/bin:/bin", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "HOME": "/tmp"}
OOM_FILES = ("/sys/fs/cgroup/memory/memory.oom_control", "/sys/fs/cgroup/memory.events")
CHUNK = 65536


def _no_dump() -> None:
    # PR_SET_DUMPABLE = 4; a failure is not fatal here (the launcher, which the program could reach, is non-dumpable)
    with contextlib.suppress(Exception):
        ctypes.CDLL(None, use_errno=True).prctl(4, 0, 0, 0, 0)


def oom_kills() -> int:
    for path in OOM_FILES:
        try:
            with open(path) as f:
                for line in f:
                    key, _, value = line.partition(" ")
                    if key == "oom_kill":
                        return int(value)
        except OSError:
            continue
    return -1


def other_processes() -> list[int]:
    """Processes of the container other than the harness and its launcher server."""
    server = LAUNCHER.proc.pid if LAUNCHER.proc is not None and LAUNCHER.proc.poll() is None else -1
    return [int(p) for p in os.listdir("/proc") if p.isdigit() and int(p) not in (1, server)]


def _reap() -> None:
    while True:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return


def kill_all(timeout_s: float = 5.0, everything: bool = False) -> bool:
    """SIGKILL every process of the container except us (and the launcher server unless `everything`), and reap
    until none is left. The launcher already does this after every run; this is the harness's own check."""
    deadline = time.monotonic() + timeout_s
    while True:
        if everything:
            try:
                os.kill(-1, signal.SIGKILL)
            except ProcessLookupError:
                pass
        else:
            for pid in other_processes():
                try:
                    os.kill(pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
        _reap()
        left = [p for p in os.listdir("/proc") if p.isdigit() and p != "1"] if everything else other_processes()
        if not left:
            return True
        if time.monotonic() > deadline:
            return False
        time.sleep(0.0005)


def _remove_tree_contents(folder: str) -> None:
    """Delete everything inside `folder` without following symbolic links: files of any mode, FIFOs, sockets,
    folders the program made unreadable. Runs as root with DAC_OVERRIDE/FOWNER, so permissions do not stop it."""
    try:
        entries = list(os.scandir(folder))
    except OSError:
        try:
            os.chmod(folder, 0o700)
            entries = list(os.scandir(folder))
        except OSError:
            return
    for entry in entries:
        try:
            if entry.is_dir(follow_symlinks=False):
                os.chmod(entry.path, 0o700)
                _remove_tree_contents(entry.path)
                os.rmdir(entry.path)
            else:
                os.unlink(entry.path)
        except OSError:
            pass


def empty_scratch() -> bool:
    """Empty /tmp after a run; True when nothing is left."""
    if not os.listdir(SCRATCH):
        return True
    _remove_tree_contents(SCRATCH)
    return not os.listdir(SCRATCH)


def _chown_tree(top: str, uid: int, gid: int, strip_write: bool) -> None:
    for root, dirs, files in os.walk(top):
        for name in dirs + files:
            path = os.path.join(root, name)
            st = os.lstat(path)
            if stat.S_ISLNK(st.st_mode):
                os.lchown(path, uid, gid)
                continue
            os.chown(path, uid, gid)
            if strip_write:
                os.chmod(path, stat.S_IMODE(st.st_mode) & ~0o022 | 0o444)
    os.chown(top, uid, gid)
    os.chmod(top, 0o755)


def _write_files(files: dict[str, str], mode: int = 0o644, owner: int = 0) -> None:
    for path, data in files.items():
        folder = os.path.dirname(path) or "."
        if not os.path.isdir(folder):
            os.makedirs(folder, exist_ok=True)
            if owner:
                os.chown(folder, owner, owner)
        with open(path, "wb") as f:
            f.write(base64.b64decode(data))
        os.chmod(path, mode)
        if owner:
            os.chown(path, owner, owner)


def _read(path: str, limit: int, tail: bool = False) -> tuple[bytes, int]:
    try:
        with open(path, "rb") as f:
            size = os.fstat(f.fileno()).st_size
            if tail and size > limit:
                f.seek(size - limit)
            return f.read(min(limit, size)), size
    except OSError:
        return b"", 0


class Channel:
    """The host side: raw reads of stdin split into lines, and JSON lines written to stdout."""

    def __init__(self) -> None:
        self.fd = 0
        self.buffer = b""
        self.closed = False

    def fill(self) -> bool:
        data = os.read(self.fd, CHUNK)
        if not data:
            self.closed = True
            return False
        self.buffer += data
        return True

    def pop_line(self) -> bytes | None:
        index = self.buffer.find(b"\n")
        if index < 0:
            return None
        line, self.buffer = self.buffer[:index], self.buffer[index + 1 :]
        return line

    def read_line(self) -> bytes | None:
        while True:
            line = self.pop_line()
            if line is not None:
                return line
            if self.closed or not self.fill():
                return None


def send(obj: dict[str, Any]) -> None:
    data = (json.dumps(obj) + "\n").encode()
    view = memoryview(data)
    while view:
        written = os.write(1, view)
        view = view[written:]


def _launcher_args(cmd: dict[str, Any], stdin: str, stdout: str, stderr: str, env: dict[str, Any]) -> list[str]:
    return [
        f"uid={RUNNER_UID}",
        f"gid={RUNNER_GID}",
        f"cpu_ms={int(cmd['cpu_ms'])}",
        f"wall_ms={int(cmd['wall_ms'])}",
        f"wall_hard_ms={int(cmd.get('wall_hard_ms', cmd['wall_ms']))}",
        f"idle={1 if cmd.get('idle') else 0}",
        f"mem_kb={int(cmd.get('mem_kb', 0))}",
        f"fsize={int(cmd['fsize'])}",
        f"nofile={int(cmd.get('nofile', 256))}",
        f"stack={int(cmd.get('stack', 0))}",
        f"nproc={int(cmd.get('nproc', 0))}",
        # stdout and stderr are pipes the launcher empties: what is kept goes to the files, the rest is counted
        f"stdout_keep={int(cmd.get('stdout_max', 1 << 20)) + 1}",
        f"stderr_keep={int(cmd.get('stderr_max', 8192))}",
        f"stderr_tail={1 if cmd.get('stderr_tail', True) else 0}",
        f"stdin={stdin}",
        f"stdout={stdout}",
        f"stderr={stderr}",
        f"cwd={cmd.get('cwd', WORK)}",
        *(f"env={k}={v}" for k, v in env.items()),
        "--",
        *cmd["argv"],
    ]


class Launcher:
    """The static launcher in --serve mode, kept running: one request per run saves an exec per test."""

    def __init__(self) -> None:
        self.proc: subprocess.Popen[bytes] | None = None
        self.buffer = b""

    def run(self, args: list[str]) -> bytes:
        if self.proc is None or self.proc.poll() is not None:
            self.proc = subprocess.Popen(
                [LAUNCH, "--serve"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, env={}, close_fds=True
            )
            self.buffer = b""
        assert self.proc.stdin is not None and self.proc.stdout is not None
        request = b"".join(a.encode("utf-8", "surrogateescape") + b"\0" for a in args) + b"\0"
        os.write(self.proc.stdin.fileno(), request)
        while b"\n" not in self.buffer:
            data = os.read(self.proc.stdout.fileno(), CHUNK)
            if not data:
                self.proc = None
                raise RuntimeError("the launcher stopped")
            self.buffer += data
        line, self.buffer = self.buffer.split(b"\n", 1)
        return line


LAUNCHER = Launcher()


RELAY_WINDOW = 256 * 1024  # program output sent to the host and not yet written into the other side's pipe


def _relay(proc: subprocess.Popen[bytes], to_program: int, from_program: int, channel: Channel) -> bytes:
    """Interactive run: copy the program's output to the host and the host's data to the program until the launcher
    reports. Returns the launcher's output.

    Nothing here ever blocks: data for the program waits in a buffer until its pipe takes it, and every byte written
    into the pipe is acknowledged to the host ({"ack": n}, passed on to the other side). The program's output is read
    only while less than RELAY_WINDOW of it is unacknowledged, so a program that floods a side that does not read
    blocks on its own pipe, as it would on a direct pipe, while the host's messages (kill, eof) always get through."""
    report = b""
    pending = bytearray()  # from the host, for the program
    close_after = False  # the host sent eof: close the program's stdin once `pending` is written
    unacked = 0
    if to_program >= 0:
        os.set_blocking(to_program, False)
    report_fd = proc.stdout.fileno() if proc.stdout else -1

    def drop_input() -> None:
        nonlocal to_program
        if pending:
            send({"ack": len(pending)})  # never delivered: the other side must not wait for it
            pending.clear()
        if to_program >= 0:
            os.close(to_program)
            to_program = -1

    def handle_host() -> None:
        nonlocal close_after, unacked
        while True:
            line = channel.pop_line()
            if line is None:
                return
            try:
                msg = json.loads(line)
            except ValueError:
                continue
            if "data" in msg:
                data = base64.b64decode(msg["data"])
                if to_program >= 0:
                    pending.extend(data)
                elif data:
                    send({"ack": len(data)})
            if "ack" in msg:
                unacked = max(0, unacked - int(msg["ack"]))
            if msg.get("eof"):
                close_after = True
            if msg.get("kill"):
                with contextlib.suppress(ProcessLookupError):
                    proc.send_signal(signal.SIGUSR1)

    handle_host()
    while True:
        if close_after and not pending and to_program >= 0:
            os.close(to_program)
            to_program = -1
        readers = [report_fd]
        if not channel.closed:
            readers.append(channel.fd)
        if from_program >= 0 and unacked < RELAY_WINDOW:
            readers.append(from_program)
        writers = [to_program] if to_program >= 0 and pending else []
        ready, writable, _ = select.select(readers, writers, [], 1.0)
        if writable:
            try:
                written = os.write(to_program, pending[:CHUNK])
            except BlockingIOError:
                written = 0
            except OSError:  # the program closed its stdin or exited: the data is dropped
                drop_input()
                written = 0
            if written:
                del pending[:written]
                send({"ack": written})
        for fd in ready:
            if fd == channel.fd:
                channel.fill()
                handle_host()
            elif fd == from_program:
                data = os.read(fd, CHUNK)
                if data:
                    unacked += len(data)
                    send({"data": base64.b64encode(data).decode()})
                else:
                    os.close(from_program)
                    from_program = -1
                    send({"eof": True})
            elif fd == report_fd:
                data = os.read(fd, CHUNK)
                if data:
                    report += data
                    continue
                proc.wait()
                # The program is gone (the launcher killed what was left): pass on what it wrote before it ended,
                # whatever the window (a pipe's worth at most), then stop relaying.
                while from_program >= 0:
                    rest = os.read(from_program, CHUNK)
                    if rest:
                        send({"data": base64.b64encode(rest).decode()})
                    else:
                        os.close(from_program)
                        from_program = -1
                        send({"eof": True})
                drop_input()
                return report


def op_run(cmd: dict[str, Any], channel: Channel) -> dict[str, Any]:
    if not os.path.isdir(IO_DIR):
        os.makedirs(IO_DIR, mode=0o700, exist_ok=True)
    for d in cmd.get("mkdirs", []):
        os.makedirs(d, exist_ok=True)
        os.chown(d, RUNNER_UID, RUNNER_GID)
    if cmd.get("files"):
        _write_files(cmd["files"], owner=RUNNER_UID)
    in_path, out_path, err_path = (os.path.join(IO_DIR, n) for n in ("in", "out", "err"))
    env = dict(PROGRAM_ENV)
    env.update(cmd.get("env") or {})
    started = time.monotonic()
    result: dict[str, Any] = {"ok": True}
    interactive = bool(cmd.get("interactive"))
    if interactive:
        prog_in_r, prog_in_w = os.pipe()
        prog_out_r, prog_out_w = os.pipe()
        argv = [LAUNCH, *_launcher_args(cmd, f"fd:{prog_in_r}", f"fd:{prog_out_w}", err_path, env)]
        proc = subprocess.Popen(
            argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, env={}, pass_fds=(prog_in_r, prog_out_w)
        )
        os.close(prog_in_r)
        os.close(prog_out_w)
        send({"started": True})
        raw = _relay(proc, prog_in_w, prog_out_r, channel)
    else:
        with open(in_path, "wb") as f:
            f.write(base64.b64decode(cmd.get("stdin", "")))
        raw = LAUNCHER.run(_launcher_args(cmd, in_path, out_path, err_path, env))
    lines = raw.decode("utf-8", "replace").strip().splitlines()
    report = json.loads(lines[-1]) if lines else None
    if report is None or "error" in report:
        raise RuntimeError(f"launcher: {report['error'] if report else 'no report'}")
    result.update(report)
    t_launch = time.monotonic()
    # The launcher reaped every process of the program (it is their subreaper and waits until none is left); the
    # interactive one-shot launcher is checked the same way. Anything else still here would be a judge bug.
    clean = True if not interactive else (not other_processes() or kill_all())
    t_kill = time.monotonic()
    stdout, _ = _read(out_path, int(cmd.get("stdout_max", 1 << 20)) + 1) if not interactive else (b"", 0)
    stderr, _ = _read(err_path, int(cmd.get("stderr_max", 8192)), tail=bool(cmd.get("stderr_tail", True)))
    result["stdout"] = base64.b64encode(stdout).decode()
    result["stdout_size"] = int(result.pop("stdout_bytes", 0)) if not interactive else 0  # all it wrote
    result["stderr"] = base64.b64encode(stderr).decode()
    result["stderr_size"] = int(result.pop("stderr_bytes", 0))
    collected = {}
    limit = int(cmd.get("collect_max", 64 << 20))
    for path in cmd.get("collect", []):
        paths = [path]
        if os.path.isdir(path) and not os.path.islink(path):
            paths = sorted(os.path.join(path, name) for name in os.listdir(path))
        for item in paths:
            if os.path.isfile(item) and not os.path.islink(item):
                data, _ = _read(item, limit)
                collected[item] = base64.b64encode(data).decode()
    result["collected"] = collected
    result["all_killed"] = clean
    for name in ("in", "out", "err"):
        try:
            os.unlink(os.path.join(IO_DIR, name))
        except FileNotFoundError:
            pass
    result["scratch_clean"] = empty_scratch()
    done = time.monotonic()
    result["harness_ms"] = {
        "launch": round((t_launch - started) * 1000, 2),
        "kill": round((t_kill - t_launch) * 1000, 2),
        "collect_clean": round((done - t_kill) * 1000, 2),
    }
    return result


def handle(cmd: dict[str, Any], channel: Channel) -> dict[str, Any]:
    op = cmd.get("op")
    if op == "write":
        _write_files(cmd["files"], int(cmd.get("mode", 0o644)))
        return {"ok": True}
    if op == "own":
        _chown_tree(WORK, RUNNER_UID, RUNNER_GID, strip_write=False)
        return {"ok": True}
    if op == "seal":
        _chown_tree(WORK, 0, 0, strip_write=True)
        return {"ok": True}
    if op == "run":
        return op_run(cmd, channel)
    if op == "ping":
        return {"ok": True, "oom_kill": oom_kills()}
    return {"ok": False, "error": f"unknown op {op!r}"}


def versions(commands_file: str) -> None:
    """Build time: print {language id: version line} for the version commands in `commands_file`."""
    with open(commands_file) as f:
        commands = json.load(f)
    found = {}
    for language, argv in commands.items():
        try:
            done = subprocess.run(argv, capture_output=True, timeout=120, env=PROGRAM_ENV, check=False)
            lines = [ln.strip() for ln in (done.stdout + b"\n" + done.stderr).decode("utf-8", "replace").splitlines()]
            lines = [
                ln for ln in lines if ln and "warning" not in ln.lower() and not ln.lower().startswith("picked up")
            ]
            found[language] = lines[0] if lines else ""
        except (OSError, subprocess.TimeoutExpired) as exc:
            found[language] = f"unavailable ({exc})"
    print(json.dumps(found, indent=1, sort_keys=True))


def main() -> None:
    if len(sys.argv) == 3 and sys.argv[1] == "--versions":
        versions(sys.argv[2])
        return
    if sys.argv[1:] != ["--empty-environment"]:
        # Start again with an empty environment: nothing of the engine's (or image's) environment is there to read in
        # /proc/1/environ, even where the runtime lets other users read it (gVisor).
        os.execve(sys.executable, [sys.executable, "-I", "-S", os.path.abspath(__file__), "--empty-environment"], {})
    if os.getpid() == 1:
        signal.signal(signal.SIGINT, signal.SIG_DFL)  # as init: default action means the signal is ignored
    _no_dump()
    os.umask(0o022)
    channel = Channel()
    send({"ready": True, "pid": os.getpid(), "uid": os.getuid(), "oom_kill": oom_kills()})
    while True:
        raw = channel.read_line()
        if raw is None:
            break
        if not raw.strip():
            continue
        try:
            cmd = json.loads(raw)
            if cmd.get("op") == "quit":
                break
            if "data" in cmd or "eof" in cmd or "kill" in cmd or "ack" in cmd:
                continue  # relay traffic that arrived after an interactive run ended
            reply = handle(cmd, channel)
        except Exception as exc:  # noqa: BLE001 - the host turns this into a judge error
            reply = {"ok": False, "error": f"{type(exc).__name__}: {exc}"}
        send(reply)
    kill_all(1.0, everything=True)


if __name__ == "__main__":
    main()
