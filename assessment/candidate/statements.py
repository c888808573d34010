"""A problem's PDF statement, served to the candidate taking the test (embedded in the test page and downloadable).

Same access rule as the test page: the signed-in candidate's own started attempt, a problem of that position; the
file comes from the problem version's read-only snapshot. The response may be framed by this site's own pages only.
"""

from __future__ import annotations

from flask import Response, abort, request, send_file

from ..web.roles import candidate_required
from .blueprint import bp
from .coding import _problem, snapshot_root
from .test_taking import own_attempt

# The PDF is shown by the browser's own viewer inside the test page; nothing else may load it in a frame.
PDF_CSP = "default-src 'none'; frame-ancestors 'self'; base-uri 'none'; form-action 'none'"


@bp.route("/applications/<int:application_id>/test/problems/<int:problem_id>/statement.pdf")
@candidate_required
def test_problem_statement_pdf(application_id: int, problem_id: int) -> Response:
    application, _attempt = own_attempt(application_id)
    problem = _problem(application, problem_id)
    version = problem.current_version
    if version is None or version.statement_format != "pdf" or not version.statement_file:
        abort(404)
    root = snapshot_root(version).resolve()
    path = (root / version.statement_file).resolve()
    if not path.is_relative_to(root) or not path.is_file():
        abort(404)
    download = request.args.get("download") == "1"
    response = send_file(
        path,
        mimetype="application/pdf",
        as_attachment=download,
        download_name=f"{problem.slug}.pdf",
        conditional=True,
        max_age=0,
    )
    response.headers["Content-Security-Policy"] = PDF_CSP
    response.headers["X-Frame-Options"] = "SAMEORIGIN"
    response.headers["Cache-Control"] = "private, no-cache"
    return response
