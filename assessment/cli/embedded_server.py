"""What the embedded server (`assessment run`) needs from the operating system under a crowd."""

from __future__ import annotations

import logging

log = logging.getLogger("assessment.serve")

# Every candidate's browser keeps a connection or two open (keep-alive, and a status poll beside an autosave), so
# 1,000 candidates hold well over 1,024 sockets, Debian's default soft limit on open files: the server raises its
# limit (the web processes inherit it) as far as the hard limit allows. Its listen queue holds a sign-in rush (the
# kernel caps it at net.core.somaxconn). (An earlier embedded server, waitress, also stopped past file descriptor
# 1,023 with its select() loop: the connection resets once seen at 700 candidates.)
CONNECTION_LIMIT = 4000
LISTEN_BACKLOG = 2048
OPEN_FILES_WANTED = CONNECTION_LIMIT + 512  # connections, the database and its pool, logs, the judge's sockets


def raise_open_file_limit(wanted: int = OPEN_FILES_WANTED) -> int:
    """Raise this process's soft limit on open files towards `wanted` (never above the hard limit, never lower it);
    returns the soft limit now in force."""
    import resource

    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    target = wanted if hard == resource.RLIM_INFINITY else min(wanted, hard)
    if soft != resource.RLIM_INFINITY and soft < target:
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
            soft = target
        except (ValueError, OSError) as exc:
            log.warning(
                "could not raise the open-file limit", extra={"soft": soft, "wanted": target, "error": str(exc)}
            )
    return soft
