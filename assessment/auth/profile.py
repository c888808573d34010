"""The signed-in person's profile: the interface language (their choice, or their browser's). Emails to them are
written in the chosen language."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import force_locale, gettext
from flask_login import current_user, login_required

from ..extensions import session
from ..models import audit
from ..web.i18n import INTERFACE_LANGUAGES, language_name
from .blueprint import bp

BROWSER = ""  # the form's value for "follow my browser"


@bp.route("/account/profile", methods=["GET", "POST"])
@login_required
def profile():
    user = current_user._get_current_object()
    if request.method == "POST" and request.form.get("section") == "language":
        chosen = request.form.get("locale", BROWSER)
        if chosen != BROWSER and chosen not in INTERFACE_LANGUAGES:
            flash(gettext("Choose one of the languages listed."), "error")
            return render_template("auth/profile.html", **_context(user)), 400
        new = chosen or None
        if new != user.locale:
            db = session()
            audit(db, "user.locale", actor=user, target=user, old=user.locale, new=new)
            user.locale = new
            db.commit()
        with force_locale(new or _browser_language()):  # confirmed in the language just chosen
            flash(gettext("Your language is saved."), "success")
        return redirect(url_for("auth.profile"))
    return render_template("auth/profile.html", **_context(user))


def _browser_language() -> str:
    return request.accept_languages.best_match(INTERFACE_LANGUAGES) or INTERFACE_LANGUAGES[0]


def _context(user) -> dict:
    return {
        "languages": [(code, language_name(code)) for code in INTERFACE_LANGUAGES],
        "chosen": user.locale or BROWSER,
        "browser_language": language_name(_browser_language()),
    }
