"""Essay prompts in the test: the prompt and a text area with live word count and autosave that refuses a save from a
stale tab (candidate/autosave.py)."""

from __future__ import annotations

import re

from flask import abort, jsonify, render_template, url_for
from flask_babel import gettext
from sqlalchemy import select

from ..attempts.clock import AttemptClosed, require_writable
from ..extensions import session, settings
from ..models import EssayAnswer, EssayPrompt, utcnow
from ..web.roles import candidate_required
from .autosave import read_save_request, save_draft
from .blueprint import bp
from .test_taking import bad_request, closed, conflict, json_body, own_attempt, page_context, settle

MAX_ESSAY_CHARS = 100_000
# Chinese characters, kana and hangul are written without spaces: each counts as one word, as word processors count
# them, and CJK punctuation (、。「」！？) separates like a space; any other run of non-space characters is one word.
# static/js/test-essay.js counts the same way.
_CJK = "\u1100-\u11ff\u2e80-\u2fff\u3040-\u9fff\ua960-\ua97f\uac00-\ud7ff\uf900-\ufaff\uff66-\uff9f"
_CJK_PUNCTUATION = "\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65"
_WORD = re.compile(f"[{_CJK}]|[^\\s{_CJK}{_CJK_PUNCTUATION}]+")


def count_words(text: str) -> int:
    """How many words the text has: each CJK character, and each other run of non-space characters."""
    return len(_WORD.findall(text or ""))


def _prompt(application, prompt_id: int) -> EssayPrompt:
    prompt = session().get(EssayPrompt, prompt_id)
    if (
        prompt is None
        or prompt.position_id != application.position_id
        or prompt.retired_at is not None
        or prompt.current_version_id is None
        or not application.position.has_essay
    ):
        abort(404)
    return prompt


@bp.route("/applications/<int:application_id>/test/essays/<int:prompt_id>")
@candidate_required
def test_essay(application_id: int, prompt_id: int):
    application, attempt = own_attempt(application_id)
    settle(attempt)
    prompt = _prompt(application, prompt_id)
    version = prompt.current_version
    assert version is not None  # _prompt() only returns prompts with a current version
    answer = session().scalar(
        select(EssayAnswer).where(EssayAnswer.attempt_id == attempt.id, EssayAnswer.prompt_id == prompt.id)
    )
    context = page_context(application, attempt, prompt=prompt, version=version, answer=answer)
    context["page_data"] = {
        "kind": "essay",
        "prompt_id": prompt.id,
        "storage_key": f"essay:{attempt.id}:{prompt.id}",
        "urls": {"draft": url_for("candidate.test_essay_draft", application_id=application.id, prompt_id=prompt.id)},
        "text": answer.text if answer else "",
        "revision": answer.revision if answer else 0,
        "saved_at": answer.updated_at.isoformat() + "Z" if answer else None,
        "min_words": version.min_words,
        "max_words": version.max_words,
        "read_only": context["over"],
    }
    return render_template("candidate/essay.html", **context)


@bp.route("/applications/<int:application_id>/test/essays/<int:prompt_id>/draft", methods=["POST"])
@candidate_required
def test_essay_draft(application_id: int, prompt_id: int):
    application, attempt = own_attempt(application_id)
    prompt = _prompt(application, prompt_id)
    data = json_body()
    try:
        require_writable(attempt, settings=settings())
    except AttemptClosed as exc:
        return closed(exc)
    text = data.get("text")
    if not isinstance(text, str) or len(text) > MAX_ESSAY_CHARS:
        return bad_request(gettext("The answer must be text of at most %(num)d characters.", num=MAX_ESSAY_CHARS))
    request_or_problem = read_save_request(data)
    if isinstance(request_or_problem, str):
        return bad_request(request_or_problem)
    base, revision, tab = request_or_problem
    now = utcnow()
    words = count_words(text)
    result = save_draft(
        EssayAnswer,
        dict(attempt_id=attempt.id, prompt_id=prompt.id),
        dict(text=text, word_count=words, updated_at=now),
        base=base,
        revision=revision,
        tab=tab,
        until_final=True,
        on_insert=dict(prompt_version_id=prompt.current_version_id),
        what=gettext("The answer"),
    )
    if result.saved:
        return jsonify(saved=True, revision=revision, saved_at=now.isoformat() + "Z", word_count=words)
    stored = result.row
    theirs = {
        "text": stored.text,
        "revision": stored.revision,
        "saved_at": stored.updated_at.isoformat() + "Z",
        "word_count": stored.word_count,
    }
    if result.conflict:
        return conflict("answer", theirs)
    return jsonify(saved=False, revision=stored.revision, saved_at=theirs["saved_at"], word_count=stored.word_count)
