"""In-container judge harness: PID 1 of every sandbox container, speaking line-delimited JSON with the host.

The host attaches to the container's stdin/stdout (no TTY) and sends one JSON object per line; the harness answers
each with one JSON line.  Operations:

  {"op": "write", "files": {"/work/main.py": "<base64>"}, "mode": 0o644}          write files (creating folders)
  {"op": "seal"}                     remember what /work holds now; later runs delete anything new in /work
  {"op": "run", "argv": [...], "cwd": "/work", "stdin": "<base64>", "cpu_s": 3, "wall_ms": 5000,
   "fsize": 8388609, "nofile": 256, "stack": 268435456, "stdout_max": 8388608, "stderr_max": 8192,
   "env": {...}, "files": {...}, "mkdirs": [...], "collect": [...], "collect_max": 65536}
                                     run one program through the static launcher, then kill and reap every other
                                     process in the container and delete the input/output files
  {"op": "quit"}

Being PID 1 of the container's pid namespace, the harness cannot be killed from inside (the kernel drops SIGKILL and
SIGSTOP sent to a namespace init by its own namespace, and every other signal has its default action, which for an
init means ignored).  It makes itself non-dumpable so the program (same uid) can neither ptrace it nor open
/proc/1/fd/* or /proc/1/environ.  Only the current test's input ever enters this container; answers never do.
"""

from __future__ import annotations

import base64
import ctypes
import json
import os
import shutil
import signal
import stat
import subprocess
import sys
import time

LAUNCH = "/opt/judge/launch"
IO_DIR = "/tmp/.judge"
CLEAN_DIRS = ("/tmp",)
PROGRAM_ENV = {"PATH": "/usr/local/bin:/usr/bin:/bin", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "HOME": "/tmp"}
OOM_FILES = ("/sys/fs/cgroup/memory/memory.oom_control", "/sys/fs/cgroup/memory.events")
SEAL_COPY_MAX = 64 << 20  # bytes of /work kept to restore after each run
_sealed: dict[str, tuple[int, int, int, int]] | None = None
_copies: dict[str, bytes] = {}


def _no_dump() -> None:
    try:
        ctypes.CDLL(None, use_errno=True).prctl(4, 0, 0, 0, 0)  # PR_SET_DUMPABLE = 4
    except Exception:  # noqa: BLE001 - reported by the host's self-check, not fatal here
        pass


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


def kill_all(timeout_s: float = 5.0) -> bool:
    """SIGKILL every process in the container except us, and reap until none is left."""
    deadline = time.monotonic() + timeout_s
    while True:
        try:
            os.kill(-1, signal.SIGKILL)
        except ProcessLookupError:
            pass
        while True:
            try:
                pid, _ = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                break
            if pid == 0:
                break
        others = [p for p in os.listdir("/proc") if p.isdigit() and p != "1"]
        if not others:
            return True
        if time.monotonic() > deadline:
            return False
        time.sleep(0.0005)


def _remove_contents(folder: str) -> None:
    try:
        entries = os.listdir(folder)
    except OSError:
        return
    for name in entries:
        path = os.path.join(folder, name)
        try:
            if os.path.isdir(path) and not os.path.islink(path):
                _make_writable(path)
                shutil.rmtree(path, ignore_errors=True)
            else:
                os.unlink(path)
        except OSError:
            pass


def _make_writable(top: str) -> None:
    for root, dirs, _files in os.walk(top):
        for d in dirs:
            try:
                os.chmod(os.path.join(root, d), 0o700)
            except OSError:
                pass
    try:
        os.chmod(top, 0o700)
    except OSError:
        pass


def _manifest(top: str) -> dict[str, tuple[int, int, int, int]]:
    """path -> (inode, size, mode, ctime_ns). The ctime changes on every write, chmod or utime and cannot be set back
    by an unprivileged process, so an unchanged entry means unchanged content."""
    found = {}
    for root, dirs, files in os.walk(top):
        for name in dirs + files:
            path = os.path.join(root, name)
            try:
                st = os.lstat(path)
            except OSError:
                continue
            found[path] = (st.st_ino, st.st_size, st.st_mode, st.st_ctime_ns)
    return found


def _seal() -> None:
    """Remember /work as it is now (source and compiled program) and keep a copy of its files to restore."""
    global _sealed, _copies
    _sealed = _manifest("/work")
    _copies = {}
    total = 0
    for path, (_ino, size, mode, _ctime) in sorted(_sealed.items()):
        if stat.S_ISREG(mode) and total + size <= SEAL_COPY_MAX:
            with open(path, "rb") as f:
                _copies[path] = f.read()
            total += size


def _restore_work() -> None:
    """Undo whatever a run did to /work after it was sealed: delete new entries, restore changed files."""
    if _sealed is None:
        return
    current = _manifest("/work")
    if current == _sealed:
        return
    for path in sorted(set(current) - set(_sealed), key=len, reverse=True):
        try:
            if os.path.isdir(path) and not os.path.islink(path):
                _make_writable(path)
                shutil.rmtree(path, ignore_errors=True)
            else:
                os.unlink(path)
        except OSError:
            pass
    for path, entry in sorted(_sealed.items()):
        if current.get(path) == entry:
            continue
        mode = entry[2]
        try:
            if stat.S_ISDIR(mode):
                os.makedirs(path, exist_ok=True)
                os.chmod(path, stat.S_IMODE(mode))
            elif path in _copies:
                if os.path.isdir(path) and not os.path.islink(path):
                    shutil.rmtree(path, ignore_errors=True)
                elif os.path.lexists(path):
                    os.unlink(path)
                with open(path, "wb") as f:
                    f.write(_copies[path])
                os.chmod(path, stat.S_IMODE(mode))
        except OSError:
            pass
    _reseal_entries()


def _reseal_entries() -> None:
    """Restored files have new inodes and ctimes: record them so the next comparison is exact."""
    global _sealed
    current = _manifest("/work")
    _sealed = {p: current[p] for p in _sealed if p in current}


def _write_files(files: dict[str, str], mode: int = 0o644) -> None:
    for path, data in files.items():
        os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
        with open(path, "wb") as f:
            f.write(base64.b64decode(data))
        os.chmod(path, mode)


def _read(path: str, limit: int, tail: bool = False) -> tuple[bytes, int]:
    try:
        with open(path, "rb") as f:
            size = os.fstat(f.fileno()).st_size
            if tail and size > limit:
                f.seek(size - limit)
            return f.read(min(limit, size)), size
    except OSError:
        return b"", 0


def op_run(cmd: dict) -> dict:
    os.makedirs(IO_DIR, exist_ok=True)
    for d in cmd.get("mkdirs", []):
        os.makedirs(d, exist_ok=True)
    if cmd.get("files"):
        _write_files(cmd["files"])
    in_path, out_path, err_path = (os.path.join(IO_DIR, n) for n in ("in", "out", "err"))
    with open(in_path, "wb") as f:
        f.write(base64.b64decode(cmd.get("stdin", "")))
    wall_ms = int(cmd["wall_ms"])
    argv = [
        LAUNCH,
        str(int(cmd["cpu_s"])),
        str(wall_ms),
        str(int(cmd["fsize"])),
        str(int(cmd.get("nofile", 256))),
        str(int(cmd.get("stack", 0))),
        in_path,
        out_path,
        err_path,
        cmd.get("cwd", "/work"),
        "--",
        *cmd["argv"],
    ]
    env = dict(PROGRAM_ENV)
    env.update(cmd.get("env") or {})
    oom_before = oom_kills()
    started = time.monotonic()
    result: dict = {"ok": True}
    try:
        proc = subprocess.run(
            argv,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
            close_fds=True,
            timeout=wall_ms / 1000 + 3,
        )
        line = proc.stdout.decode("utf-8", "replace").strip().splitlines()
        report = json.loads(line[-1]) if line else None
        if report is not None and "error" in report:
            raise RuntimeError(f"launcher: {report['error']}")
        if report is None:
            # The program killed or stopped the launcher (same uid): the program's own death, not the judge's.
            rc = proc.returncode
            result.update(
                exited=0,
                code=-1,
                signal=-rc if rc < 0 else int(signal.SIGKILL),
                cpu_ms=0,
                wall_ms=int((time.monotonic() - started) * 1000),
                maxrss_kb=0,
                wall_timeout=0,
                launcher_lost=True,
                launcher_stderr=proc.stderr[-500:].decode("utf-8", "replace"),
            )
        else:
            result.update(report)
    except subprocess.TimeoutExpired:
        result.update(
            exited=0,
            code=-1,
            signal=9,
            cpu_ms=0,
            wall_ms=int((time.monotonic() - started) * 1000),
            maxrss_kb=0,
            wall_timeout=1,
            launcher_lost=True,
        )
    t_launch = time.monotonic()
    clean = kill_all()
    t_kill = time.monotonic()
    oom_after = oom_kills()
    result["oom_kill"] = oom_before >= 0 and oom_after > oom_before
    stdout, size = _read(out_path, int(cmd.get("stdout_max", 1 << 20)) + 1)
    stderr, esize = _read(err_path, int(cmd.get("stderr_max", 8192)), tail=bool(cmd.get("stderr_tail", True)))
    result["stdout"] = base64.b64encode(stdout).decode()
    result["stdout_size"] = size
    result["stderr"] = base64.b64encode(stderr).decode()
    result["stderr_size"] = esize
    collected = {}
    for path in cmd.get("collect", []):
        data, _ = _read(path, int(cmd.get("collect_max", 65536)))
        if os.path.exists(path):
            collected[path] = base64.b64encode(data).decode()
    result["collected"] = collected
    result["all_killed"] = clean
    for folder in CLEAN_DIRS:
        _remove_contents(folder)
    _restore_work()
    done = time.monotonic()
    result["harness_ms"] = {
        "launch": round((t_launch - started) * 1000, 2),
        "kill": round((t_kill - t_launch) * 1000, 2),
        "collect_clean": round((done - t_kill) * 1000, 2),
    }
    return result


def handle(cmd: dict) -> dict:
    op = cmd.get("op")
    if op == "write":
        _write_files(cmd["files"], int(cmd.get("mode", 0o644)))
        return {"ok": True}
    if op == "seal":
        _seal()
        return {"ok": True}
    if op == "run":
        return op_run(cmd)
    if op == "ping":
        return {"ok": True, "oom_kill": oom_kills()}
    return {"ok": False, "error": f"unknown op {op!r}"}


def main() -> None:
    if os.getpid() == 1:
        signal.signal(signal.SIGINT, signal.SIG_DFL)  # as init: default action means the signal is ignored
    _no_dump()
    out = sys.stdout.buffer
    out.write((json.dumps({"ready": True, "pid": os.getpid(), "oom_kill": oom_kills()}) + "\n").encode())
    out.flush()
    for raw in sys.stdin.buffer:
        if not raw.strip():
            continue
        try:
            cmd = json.loads(raw)
            if cmd.get("op") == "quit":
                break
            reply = handle(cmd)
        except Exception as exc:  # noqa: BLE001 - the host turns this into a judge error
            reply = {"ok": False, "error": f"{type(exc).__name__}: {exc}"}
        out.write((json.dumps(reply) + "\n").encode())
        out.flush()
    kill_all(1.0)


if __name__ == "__main__":
    main()
