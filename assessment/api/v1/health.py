"""Liveness/readiness: database, queue backlog, and what judging needs (assessment.judging.health). 503 when anything
is degraded.

Without a token the answer is the status only ({"status": "ok"} or "degraded"): software versions, image names and
error texts help an attacker and are shown only with an `admin`-scoped API token (or on the admin health page)."""

from __future__ import annotations

from flask import jsonify, request

from ...accounts.api_tokens import Refusal, authenticate
from ...enums import TokenScope
from ...extensions import session, settings
from ...judging.health import health_report
from .blueprint import bp


@bp.route("/health")
def health():
    report = health_report(session(), settings())
    code = 200 if report["status"] == "ok" else 503
    header = request.headers.get("Authorization", "")
    if header and not isinstance(authenticate(session(), header, TokenScope.ADMIN), Refusal):
        return jsonify(report), code
    return jsonify(status=report["status"]), code
