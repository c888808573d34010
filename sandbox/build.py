"""Build the sandbox images: `python -m sandbox.build [--offline|--online] [--force]`.

Two images:
- assessment-runner-base:bookworm  Debian bookworm with the packages every language of sandbox/languages/ declares
  (the table is the only list).  Built from
  images/Dockerfile.base where a container registry is reachable, or (offline, the default when debootstrap is
  installed) with `debootstrap --variant=minbase` from the Debian mirror, cleaned and imported with `docker import`.
  The root file system is built outside the repository and removed after the import.
- assessment-runner:<hash>  the base plus the harness and its static launcher (images/Dockerfile), also tagged
  :latest, with /opt/judge/versions.json (each language's version, found by running its version command at build
  time).  The judge uses the tag of the hash of the current sources.

Each image carries a label with the hash of its inputs; an image whose label matches is not rebuilt, so running the
build again when nothing changed takes well under a second.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from . import settings
from .docker_client import HASH_LABEL
from .languages import LANGUAGES, packages
from .prerequisites import check_offline_build, check_registry_build, engine

HERE = Path(__file__).resolve().parent
IMAGES = HERE / "images"
HARNESS = HERE / "harness"
BASE_IMAGE = settings.base_image()
RUNNER_REPO = "assessment-runner"
RUNNER_IMAGE = f"{RUNNER_REPO}:latest"
# The judge runs `assessment-runner:<inputs hash>`, so checkouts with different harness versions sharing one engine
# (a developer's tree and CI, say) never pull the image from under each other. An operator can pin an image instead.
PINNED_IMAGE = settings.pinned_image()
PACKAGES = packages()
VERSIONS_FILE = "/opt/judge/versions.json"
SUITE = "bookworm"
DEFAULT_MIRROR = "http://deb.debian.org/debian"
CACHE_DIR = settings.cache_dir()
RUNNER_FILES = ("Dockerfile",)
HARNESS_FILES = ("harness.py", "launch.c")
VERSION_COMMANDS = "version-commands.json"
# Trimmed from the debootstrapped tree before import: caches, documentation, manuals.
TRIM = (
    "var/cache/apt/archives",
    "var/lib/apt/lists",
    "usr/share/doc",
    "usr/share/man",
    "usr/share/info",
    "usr/share/lintian",
    "usr/share/locale",
    "var/log",
    "var/cache/debconf",
)


def _sha(parts: list[bytes]) -> str:
    h = hashlib.sha256()
    for p in parts:
        h.update(len(p).to_bytes(8, "big"))
        h.update(p)
    return h.hexdigest()[:24]


def base_inputs_hash(offline: bool) -> str:
    # Both ways produce the same content; the hash names what defines it.
    return _sha([b"base-v1", SUITE.encode(), " ".join(PACKAGES).encode(), (IMAGES / "Dockerfile.base").read_bytes()])


def version_commands() -> bytes:
    """The version command of every language, as the runner image's build runs them."""
    return json.dumps({lang.id: list(lang.version) for lang in LANGUAGES.values()}, sort_keys=True).encode()


def runner_inputs_hash(base_id: str) -> str:
    parts = [b"runner-v2", base_id.encode(), version_commands()]
    parts += [(IMAGES / name).read_bytes() for name in RUNNER_FILES]
    parts += [(HARNESS / name).read_bytes() for name in HARNESS_FILES]
    return _sha(parts)


def runner_tag(digest: str) -> str:
    return f"{RUNNER_REPO}:{digest}"


def expected_runner_hash(client: Any) -> str | None:
    """The label the runner image must carry for the current sources, or None when the base image is missing."""
    try:
        base = client.images.get(BASE_IMAGE)
    except Exception:  # noqa: BLE001 - missing base: caller reports
        return None
    return runner_inputs_hash(base.id)


def _mirror() -> str:
    """The Debian mirror this host's apt uses (deb822 or one-line sources), else the default."""
    for path in (Path("/etc/apt/sources.list.d/debian.sources"), Path("/etc/apt/sources.list")):
        try:
            text = path.read_text()
        except OSError:
            continue
        for line in text.splitlines():
            line = line.strip()
            if line.startswith("URIs:"):
                for uri in line.split()[1:]:
                    if "security" not in uri:
                        return uri
            if line.startswith("deb ") and "security" not in line:
                for word in line.split()[1:]:
                    if word.startswith("http"):
                        return word
    return DEFAULT_MIRROR


def _label(client: Any, ref: str) -> str | None:
    try:
        return (client.images.get(ref).labels or {}).get(HASH_LABEL)
    except Exception:  # noqa: BLE001 - image missing
        return None


def _build_base_offline(client: Any, digest: str, log: Callable[..., None]) -> None:
    CACHE_DIR.mkdir(parents=True, exist_ok=True)
    debs = CACHE_DIR / "debs"
    debs.mkdir(exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="rootfs-", dir=CACHE_DIR))
    rootfs = work / "rootfs"
    try:
        mirror = _mirror()
        log(f"debootstrap {SUITE} from {mirror} (packages: {', '.join(PACKAGES)})")
        cmd = [
            "debootstrap",
            "--variant=minbase",
            f"--cache-dir={debs}",
            f"--include={','.join(PACKAGES)}",
            SUITE,
            str(rootfs),
            mirror,
        ]
        done = subprocess.run(cmd, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            tail = (done.stdout + done.stderr)[-2000:]
            raise RuntimeError(f"debootstrap failed (exit {done.returncode}):\n{tail}")
        for rel in TRIM:
            target = rootfs / rel
            if target.is_dir():
                shutil.rmtree(target, ignore_errors=True)
                target.mkdir(parents=True, exist_ok=True)
        log("importing the root file system into Docker")
        tar = subprocess.Popen(["tar", "-C", str(rootfs), "--numeric-owner", "-c", "."], stdout=subprocess.PIPE)
        assert tar.stdout is not None
        try:
            repo, tag = BASE_IMAGE.rsplit(":", 1)
            changes = [
                f"LABEL {HASH_LABEL}={digest}",
                "ENV PATH=/usr/local/bin:/usr/bin:/bin LANG=C.UTF-8",
                'CMD ["/bin/bash"]',
            ]
            client.api.import_image(src=tar.stdout, repository=repo, tag=tag, changes=changes, stream_src=True)
        finally:
            tar.stdout.close()
            if tar.wait() != 0:
                raise RuntimeError("tar of the root file system failed")
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _build_base_registry(client: Any, digest: str, log: Callable[..., None]) -> None:
    log("building the base image from Dockerfile.base (needs a container registry)")
    _docker_build(client, IMAGES, "Dockerfile.base", BASE_IMAGE, {"PACKAGES": " ".join(PACKAGES)}, digest, log)


def _docker_build(
    client: Any,
    context_dir: Path,
    dockerfile: str,
    tag: str,
    buildargs: dict[str, str],
    digest: str,
    log: Callable[..., None],
) -> None:
    for chunk in client.api.build(
        path=str(context_dir),
        dockerfile=dockerfile,
        tag=tag,
        buildargs=buildargs,
        labels={HASH_LABEL: digest},
        rm=True,
        forcerm=True,
        decode=True,
        network_mode="none" if dockerfile == "Dockerfile" else None,
    ):
        if "error" in chunk:
            raise RuntimeError(f"docker build of {tag} failed: {chunk['error'].strip()}")
        text = chunk.get("stream", "").strip()
        if text.startswith("Step "):
            log(f"  {text}")


def build_images(offline: bool | None = None, force: bool = False, log: Callable[..., None] = print) -> dict[str, Any]:
    """Build (or keep) the base and runner images. Returns {"base": id, "runner": id, "built": [names]}."""
    client = engine()  # MissingPrerequisite (what to install or start) when there is no usable engine
    started = time.monotonic()
    chosen = offline if offline is not None else settings.offline()
    offline = chosen if chosen is not None else shutil.which("debootstrap") is not None
    built: list[str] = []
    base_digest = base_inputs_hash(offline)
    if force or _label(client, BASE_IMAGE) != base_digest:
        if offline:  # what each way needs, checked before anything is built
            check_offline_build()
        else:
            check_registry_build(client, chosen=chosen is not None)
        log(f"building {BASE_IMAGE} ({'debootstrap' if offline else 'registry'})")
        (_build_base_offline if offline else _build_base_registry)(client, base_digest, log)
        built.append(BASE_IMAGE)
    else:
        log(f"{BASE_IMAGE} is up to date")
    base_id = client.images.get(BASE_IMAGE).id
    runner_digest = runner_inputs_hash(base_id)
    tag = runner_tag(runner_digest)
    if force or _label(client, tag) != runner_digest:
        log(f"building {tag}")
        with tempfile.TemporaryDirectory(prefix="runner-context-") as tmp:
            context = Path(tmp)
            for name in RUNNER_FILES:
                shutil.copy2(IMAGES / name, context / name)
            for name in HARNESS_FILES:
                shutil.copy2(HARNESS / name, context / name)
            (context / VERSION_COMMANDS).write_bytes(version_commands())
            _docker_build(client, context, "Dockerfile", tag, {"BASE_IMAGE": BASE_IMAGE}, runner_digest, log)
        built.append(tag)
    else:
        log(f"{tag} is up to date")
    runner = client.images.get(tag)
    runner.tag(RUNNER_REPO, "latest")
    runner_id = runner.id
    log(f"sandbox images ready in {time.monotonic() - started:.1f} s")
    return {"base": base_id, "runner": runner_id, "built": built}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sandbox.build", description="Build the sandbox runner images.")
    group = parser.add_mutually_exclusive_group()
    group.add_argument(
        "--offline",
        dest="offline",
        action="store_true",
        default=None,
        help="build the base with debootstrap (no container registry needed)",
    )
    group.add_argument("--online", dest="offline", action="store_false", help="build the base from Dockerfile.base")
    parser.add_argument("--force", action="store_true", help="rebuild even when up to date")
    args = parser.parse_args(argv)
    try:
        build_images(offline=args.offline, force=args.force)
    except Exception as exc:  # noqa: BLE001 - one clear line for the operator
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
