"""GET /api/v1/languages: the languages submissions may be written in (public: the same list candidates see),
derived from the sandbox's table of languages."""

from __future__ import annotations

from flask import jsonify

from .blueprint import bp


@bp.route("/languages")
def languages():
    from sandbox.versions import table

    rows, problem = table()
    return jsonify(languages=rows, versions_error=problem)
