"""The candidate pages' view of the judge and the language table: one place that talks to assessment.judging and
sandbox.languages, with safe fallbacks (a queued Submission row is all the judge workers need)."""

from __future__ import annotations

import logging

from sqlalchemy.orm import Session

from ..judging import queue
from ..models import Problem, Submission

log = logging.getLogger(__name__)

_FALLBACK_TEMPLATES = {
    "python": "import sys\n\n\ndef main():\n    data = sys.stdin.read().split()\n    # your solution here\n\n\nmain()\n",
    "c": "#include <stdio.h>\n\nint main(void) {\n    /* your solution here */\n    return 0;\n}\n",
    "cpp": "#include <bits/stdc++.h>\nusing namespace std;\n\nint main() {\n    ios::sync_with_stdio(false);\n    cin.tie(nullptr);\n    // your solution here\n    return 0;\n}\n",
    "java": "import java.io.*;\nimport java.util.*;\n\npublic class Main {\n    public static void main(String[] args) throws IOException {\n        BufferedReader in = new BufferedReader(new InputStreamReader(System.in));\n        // your solution here\n    }\n}\n",
    "javascript": "const data = require('fs').readFileSync(0, 'utf8').split(/\\s+/).filter(Boolean);\n// your solution here\n",
}
_FALLBACK_NAMES = {"python": "Python 3", "c": "C", "cpp": "C++17", "java": "Java 17", "javascript": "JavaScript (Node)"}


def language_info(language_id: str) -> dict:
    """{id, name, codemirror, template} for one of the five judge languages."""
    info = {
        "id": language_id,
        "name": _FALLBACK_NAMES.get(language_id, language_id),
        "codemirror": language_id,
        "template": _FALLBACK_TEMPLATES.get(language_id, ""),
    }
    try:
        from sandbox.languages import get_language

        language = get_language(language_id)
    except Exception:  # noqa: BLE001 - unknown id: fall back to the built-in table
        return info
    for key, attributes in (
        ("name", ("name",)),
        ("template", ("template",)),
        ("codemirror", ("codemirror_language", "codemirror_mode", "codemirror")),
    ):
        for attribute in attributes:
            value = getattr(language, attribute, None)
            if isinstance(value, str) and value:
                info[key] = value
                break
    return info


def is_template(language_id: str, source: str) -> bool:
    return source.strip() == language_info(language_id)["template"].strip()


class SubmissionRefused(ValueError):
    """The judge refused to queue this code (empty, too large, unknown language); the message says why."""


def enqueue(
    session: Session,
    *,
    attempt,
    problem: Problem,
    language: str,
    source: str,
    kind: str,
    custom_input: str | None = None,
) -> Submission:
    """Queue a submission for judging; returns the (flushed, not committed) Submission. The judging service's
    `enqueue` is used when present (it also wakes in-process workers on commit); otherwise a queued row is created."""
    try:
        return queue.enqueue(
            session,
            attempt=attempt,
            problem=problem,
            language=language,
            source=source,
            kind=kind,
            custom_input=custom_input,
        )
    except queue.EnqueueError as exc:
        raise SubmissionRefused(str(exc)) from exc


def queued_ahead(session: Session, submission: Submission) -> int:
    """How many queued submissions the judges take before this one."""
    return queue.queued_ahead(session, submission)
