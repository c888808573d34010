"""One sandbox container with the harness as PID 1, driven over the Docker attach socket.

`Sandbox` creates the container with every restriction (no network, no capabilities but the few the root harness
needs, programs as uid 10001, read-only root, small tmpfs mounts, memory = swap limit, pids limit, pinned to one CPU
core, optional gVisor runtime), attaches to its stdin/stdout before starting it, and exchanges one JSON line per
command with the harness. `close()` always force-removes the container.
"""

from __future__ import annotations

import base64
import json
import os
import socket
import struct
import threading
import time
import uuid
from dataclasses import dataclass
from typing import Any, Self

import docker.errors
from docker.types import LogConfig, Ulimit

from . import settings
from .build import PINNED_IMAGE, expected_runner_hash, runner_tag
from .docker_client import LABEL, SandboxOverloaded, SandboxUnavailable, client_or_unavailable

MiB = 1 << 20
HARNESS_OVERHEAD_MB = 96  # the harness (Python), launcher and page cache on top of the program's own memory
WORK_MB = 128  # /work tmpfs: sources and the compiled program
BASE_PIDS = 64  # processes and threads of the harness, launcher and a program
GVISOR_HOST_PIDS = 4096  # under gVisor the host's pids limit counts the sandbox kernel's own threads; the
# program's processes are limited inside it (RLIMIT_NPROC, its uid is private there)
GVISOR_OVERHEAD_MB = 128  # gVisor's kernel runs inside the container's memory limit
OWNER = f"{socket.gethostname()}:{os.getpid()}"
# What the root harness needs, nothing more: start programs as another user, kill them, seal /work and empty /tmp
# whatever modes the program left there.
HARNESS_CAPS = ["CHOWN", "DAC_OVERRIDE", "FOWNER", "KILL", "SETGID", "SETUID"]
_image_ok: dict[str, str] = {}
_image_lock = threading.Lock()

Reply = dict[str, Any]


class HarnessError(Exception):
    """The harness stopped answering or answered nonsense: a judge error, never the candidate's fault."""


def runner_image(client: Any) -> str:
    """The runner image for the current harness sources; SandboxUnavailable when it is missing."""
    if PINNED_IMAGE:
        return PINNED_IMAGE
    with _image_lock:
        try:
            want = expected_runner_hash(client)
        except Exception as exc:
            raise SandboxUnavailable(f"the Docker engine is not reachable: {exc}") from exc
        if want is None:
            raise SandboxUnavailable("the sandbox base image is missing: run `assessment sandbox build`")
        ref = runner_tag(want)
        if ref in _image_ok:
            return ref
        try:
            client.images.get(ref)
        except docker.errors.ImageNotFound as exc:
            raise SandboxUnavailable(
                f"the runner image for this version ({ref}) is missing or out of date: run `assessment sandbox build`"
            ) from exc
        except Exception as exc:
            raise SandboxUnavailable(f"the Docker engine is not reachable: {exc}") from exc
        _image_ok[ref] = want
        return ref


@dataclass(frozen=True)
class SandboxConfig:
    """Everything fixed when a container is created (a pool keeps started sandboxes per config)."""

    role: str
    memory_mb: int
    tmp_mb: int
    judge_mb: int = 64
    work_mb: int = WORK_MB
    pids: int = BASE_PIDS
    cpuset: str = ""
    runtime: str = ""
    image: str = ""
    yields: bool = True  # lower CPU weight and SCHED_IDLE programs (runc); not for an interactive run's two sides


class Sandbox:
    def __init__(self, config: SandboxConfig, client: Any = None):
        self.client = client or client_or_unavailable()
        self.config = config
        self.image = config.image or runner_image(self.client)
        self.role = config.role
        self.memory_mb = config.memory_mb
        self.container_id: str | None = None
        self._sock: Any = None
        self._parts: list[bytes] = []
        self._lines: list[bytes] = []
        self._stderr = b""
        self._outbox = bytearray()  # lines queued without blocking (the interactive relay), sent before anything else
        self.closed = False
        self.used = False
        self.created_at = time.monotonic()
        api = self.client.api
        gvisor = config.runtime == "runsc"
        limit = (config.memory_mb + (GVISOR_OVERHEAD_MB if gvisor else 0)) * MiB
        # A lower CPU weight than the machine's other processes (the web), only where the launcher can read the time
        # a run waited for a CPU (not gVisor): the wall-clock limit forgives that time, and a run starved past its
        # all-seconds limit is judged again (SandboxOverloaded), so the weight changes no verdict.
        shares = None if gvisor or not config.yields else settings.cpu_shares()
        # programs at idle priority too: a web thread that wakes up takes the core at once
        self.idle = shares is not None and shares < 1024
        parent = weighted_parent(self.client) if self.idle else None
        fsize = max(config.tmp_mb, config.work_mb, config.judge_mb) * MiB
        host_config = api.create_host_config(
            network_mode="none",
            cap_drop=["ALL"],
            cap_add=HARNESS_CAPS,
            security_opt=["no-new-privileges"],
            read_only=True,
            tmpfs={
                "/tmp": f"rw,nosuid,nodev,noexec,size={config.tmp_mb}m,mode=1777",
                "/work": f"rw,nosuid,nodev,exec,size={config.work_mb}m,mode=0755",
                "/judge": f"rw,nosuid,nodev,noexec,size={config.judge_mb}m,mode=0700",
            },
            mem_limit=limit,
            memswap_limit=limit,
            pids_limit=GVISOR_HOST_PIDS if gvisor else config.pids,
            cpuset_cpus=config.cpuset or None,
            cpu_shares=shares,
            cgroup_parent=parent,
            nano_cpus=None if config.cpuset else int(1e9),
            ulimits=[
                Ulimit(name="nofile", soft=1024, hard=1024),
                Ulimit(name="fsize", soft=fsize, hard=fsize),
                Ulimit(name="core", soft=0, hard=0),
                Ulimit(name="stack", soft=-1, hard=-1),  # programs run with an unlimited stack (the launcher sets it)
            ],
            ipc_mode="none",
            log_config=LogConfig(type=LogConfig.types.NONE),
            auto_remove=False,
            privileged=False,
            init=False,
            runtime=config.runtime or None,
        )
        name = f"assessment-sandbox-{config.role}-{uuid.uuid4().hex[:12]}"
        try:
            created = api.create_container(
                self.image,
                command=["python3", "-I", "-S", "/opt/judge/harness.py"],
                name=name,
                hostname="sandbox",
                user="0:0",
                working_dir="/work",
                environment={},
                stdin_open=True,
                tty=False,
                network_disabled=True,
                labels={
                    LABEL: "1",
                    f"{LABEL}.role": config.role,
                    f"{LABEL}.owner": OWNER,
                    f"{LABEL}.created": str(int(time.time())),
                },
                host_config=host_config,
            )
            self.container_id = created["Id"]
            sock = api.attach_socket(self.container_id, params={"stdin": 1, "stdout": 1, "stderr": 1, "stream": 1})
            self._sock = getattr(sock, "_sock", sock)
            api.start(self.container_id)
            hello = self._read_line(timeout=60)
            if not hello.get("ready") or hello.get("pid") != 1:
                raise HarnessError(f"the harness did not start as PID 1: {hello}")
        except docker.errors.ImageNotFound as exc:
            self.close()
            raise SandboxUnavailable(str(exc)) from exc
        except Exception as exc:
            self.close()
            if _engine_down(exc):
                raise SandboxUnavailable(f"the Docker engine is not reachable: {exc}") from exc
            raise

    # -- protocol -------------------------------------------------------------------------------------------
    def _read_frame(self) -> None:
        header = self._recv_exact(8)
        stream, size = header[0], struct.unpack(">I", header[4:8])[0]
        payload = self._recv_exact(size)
        if stream == 2:
            self._stderr = (self._stderr + payload)[-4000:]
            return
        # Frames are small (tens of KB) and a reply can be megabytes: collect parts, join once per line.
        while b"\n" in payload:
            head, payload = payload.split(b"\n", 1)
            line = b"".join(self._parts) + head
            self._parts = []
            if line.strip():
                self._lines.append(line)
        if payload:
            self._parts.append(payload)

    def _read_line(self, timeout: float) -> Reply:
        deadline = time.monotonic() + timeout
        while not self._lines:
            left = deadline - time.monotonic()
            if left <= 0:
                raise HarnessError(f"the harness did not answer within {timeout:.0f} s{self._stderr_note()}")
            self._sock.settimeout(left)
            try:
                self._read_frame()
            except TimeoutError as exc:
                raise HarnessError(f"the harness did not answer within {timeout:.0f} s{self._stderr_note()}") from exc
        line = self._lines.pop(0)
        try:
            reply: Reply = json.loads(line)
        except ValueError as exc:
            raise HarnessError(f"unreadable harness answer: {line[:200]!r}") from exc
        return reply

    def has_line(self) -> bool:
        return bool(self._lines)

    def fileno(self) -> int:
        """The attach socket, for select() in the interactive relay."""
        return int(self._sock.fileno())

    def pump(self) -> None:
        """Read one frame (the socket is readable); lines become available to next_line()."""
        self._sock.settimeout(30)
        try:
            self._read_frame()
        except TimeoutError as exc:
            raise HarnessError(f"the harness stopped in the middle of a message{self._stderr_note()}") from exc

    def next_line(self) -> Reply | None:
        if not self._lines:
            return None
        return self._read_line(0.0)

    def _recv_exact(self, n: int) -> bytes:
        buf = bytearray(n)
        view = memoryview(buf)
        got = 0
        while got < n:
            count = self._sock.recv_into(view[got:], n - got)
            if not count:
                raise HarnessError(f"the sandbox container stopped unexpectedly{self._stderr_note()}")
            got += count
        return bytes(buf)

    def _stderr_note(self) -> str:
        text = self._stderr.decode("utf-8", "replace").strip()
        return f" (harness: {text[-500:]})" if text else ""

    def send(self, command: Reply) -> None:
        if self.closed:
            raise HarnessError("the sandbox is closed")
        data = bytes(self._outbox) + (json.dumps(command) + "\n").encode()
        self._outbox.clear()
        self._sock.settimeout(60)
        try:
            self._sock.sendall(data)
        except OSError as exc:
            raise HarnessError(f"cannot send to the harness: {exc}{self._stderr_note()}") from exc

    def queue(self, command: Reply) -> None:
        """Queue a line for the harness without waiting (the interactive relay); flush() sends what the socket
        takes now, send() and finish() send the rest first."""
        self._outbox += (json.dumps(command) + "\n").encode()

    def wants_write(self) -> bool:
        return bool(self._outbox)

    def flush(self) -> None:
        """Send as much of the queued lines as the socket takes without blocking."""
        if not self._outbox:
            return
        self._sock.settimeout(0.0)
        try:
            sent = self._sock.send(self._outbox)
        except BlockingIOError:
            sent = 0
        except OSError as exc:
            raise HarnessError(f"cannot send to the harness: {exc}{self._stderr_note()}") from exc
        finally:
            self._sock.settimeout(30)
        del self._outbox[:sent]

    def finish(self) -> None:
        """Send every queued line, waiting as needed (the harness reads its channel between commands)."""
        if self._outbox:
            data = bytes(self._outbox)
            self._outbox.clear()
            self._sock.settimeout(60)
            try:
                self._sock.sendall(data)
            except OSError as exc:
                raise HarnessError(f"cannot send to the harness: {exc}{self._stderr_note()}") from exc

    def receive(self, timeout: float) -> Reply:
        reply = self._read_line(timeout)
        if not reply.get("ok"):
            raise HarnessError(f"harness error: {reply.get('error')}")
        return reply

    def call(self, command: Reply, timeout: float) -> Reply:
        self.send(command)
        return self.receive(timeout)

    # -- operations ------------------------------------------------------------------------------------------
    def write_files(self, files: dict[str, bytes], mode: int = 0o644) -> None:
        self.used = True
        self.call(
            {"op": "write", "files": {p: base64.b64encode(d).decode() for p, d in files.items()}, "mode": mode},
            timeout=60,
        )

    def own(self) -> None:
        """Hand /work to the program's user (a compiler writes its output there)."""
        self.call({"op": "own"}, timeout=60)

    def seal(self) -> None:
        """/work back to root and read-only to programs."""
        self.call({"op": "seal"}, timeout=60)

    def run(self, argv: list[str], **kw: Any) -> Reply:
        """Run one program and wait for its report (see send_run for the arguments)."""
        wall_s = self.send_run(argv, **kw)
        return self.receive_run(wall_s)

    def send_run(
        self,
        argv: list[str],
        *,
        stdin: bytes = b"",
        time_s: float,
        wall_s: float,
        wall_hard_s: float | None = None,
        output_bytes: int,
        stack_bytes: int = 0,
        file_bytes: int | None = None,
        cwd: str = "/work",
        files: dict[str, bytes] | None = None,
        mkdirs: list[str] | None = None,
        collect: list[str] | None = None,
        stderr_max: int = 8192,
        stderr_tail: bool = True,
        env: dict[str, str] | None = None,
        interactive: bool = False,
        memory_mb: int = 0,
        idle: bool = True,
    ) -> float:
        """Queue one run in the harness (which handles commands in order); returns the wall limit for receive_run.
        The CPU limit is enforced on the container's cgroup by the launcher. `wall_s` does not count the time the
        program waited for a CPU; `wall_hard_s` (default: twice `wall_s`) counts everything, and a run it ends only
        because of that waiting raises SandboxOverloaded on receipt (see decode_run). stdout and stderr are pipes:
        `output_bytes` of stdout and `stderr_max` of stderr are kept, the rest is counted and discarded.
        RLIMIT_FSIZE (files the program writes) is the output cap + 1 byte unless `file_bytes` (compilers writing
        executables) says otherwise. `idle`: the program may run under SCHED_IDLE where the sandbox yields to the
        machine (False for a runtime that refuses it)."""
        self.used = True
        hard_s = max(wall_s, wall_hard_s if wall_hard_s is not None else 2 * wall_s)
        cmd = {
            "op": "run",
            "argv": argv,
            "cwd": cwd,
            "stdin": base64.b64encode(stdin).decode(),
            "cpu_ms": int(time_s * 1000),
            "wall_ms": int(wall_s * 1000),
            "wall_hard_ms": int(hard_s * 1000),
            "mem_kb": memory_mb * 1024,
            "fsize": file_bytes or output_bytes + 1,
            "nofile": 256,
            "stack": stack_bytes,
            "stdout_max": output_bytes,
            "stderr_max": stderr_max,
            "stderr_tail": stderr_tail,
            "env": env or {},
            "nproc": self.config.pids if self.config.runtime == "runsc" else 0,
            "files": {p: base64.b64encode(d).decode() for p, d in (files or {}).items()},
            "mkdirs": mkdirs or [],
            "collect": collect or [],
            "interactive": interactive,
            "idle": self.idle and idle,
        }
        self.send(cmd)
        return hard_s

    def receive_run(self, wall_s: float) -> Reply:
        return decode_run(self.receive(timeout=wall_s + 30))

    def set_memory(self, memory_mb: int) -> None:
        """Lower (or raise) the container's memory limit, swap included, e.g. after compiling. gVisor cannot change
        a running sandbox's limits: there the limit set at creation stays."""
        if memory_mb == self.memory_mb or self.config.runtime == "runsc":
            return
        limit = memory_mb * MiB
        self.client.api.update_container(self.container_id, mem_limit=limit, memswap_limit=limit)
        self.memory_mb = memory_mb

    def close(self) -> None:
        """Stop and force-remove the container (always; safe to call twice)."""
        if self.closed:
            return
        self.closed = True
        if self._sock is not None:
            try:
                self._sock.close()
            except OSError:
                pass
        if self.container_id:
            remove_container(self.client, self.container_id)

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def decode_run(reply: Reply) -> Reply:
    """The launcher's report of a run; SandboxOverloaded when the machine starved the run (see launch.c)."""
    if reply.get("starved"):
        raise SandboxOverloaded(
            f"a run waited {reply.get('cpu_wait_ms', 0) / 1000:.1f} s of its {reply.get('wall_ms', 0) / 1000:.1f} s"
            " for a CPU: the machine is too busy to time it fairly"
        )
    reply["stdout"] = base64.b64decode(reply.get("stdout", ""))
    reply["stderr"] = base64.b64decode(reply.get("stderr", ""))
    reply["collected"] = {p: base64.b64decode(d) for p, d in (reply.get("collected") or {}).items()}
    return reply


def remove_container(client: Any, container_id: str) -> None:
    for _ in range(3):
        try:
            client.api.remove_container(container_id, force=True, v=True)
            return
        except docker.errors.NotFound:
            return
        except Exception:  # noqa: BLE001 - retried, then left for the janitor (labelled)
            time.sleep(0.2)


_parents: dict[int, str | None] = {}


def weighted_parent(client: Any) -> str | None:
    """Where a sandbox's cgroup goes for its CPU weight to count against the machine's processes: with the cgroupfs
    driver on cgroup v1 the engine puts every container under one `docker` group that weighs as much as any process,
    so a container's own weight would only rank it against other containers; at the root it ranks against the web.
    With the systemd driver each container is already a scope beside the services (None: the engine's default)."""
    key = id(client)
    if key not in _parents:
        info = client.info()
        v1_cgroupfs = info.get("CgroupDriver") == "cgroupfs" and str(info.get("CgroupVersion") or "1") == "1"
        _parents[key] = "/" if v1_cgroupfs else None
    return _parents[key]


def default_runtime() -> str:
    return settings.runtime() or ""


def _engine_down(exc: BaseException) -> bool:
    import requests

    return isinstance(exc, (requests.exceptions.ConnectionError, ConnectionError, FileNotFoundError))
