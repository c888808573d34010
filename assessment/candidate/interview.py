"""A shortlisted candidate's interview: the free times of the position's interviewers in the candidate's own time zone
(and the interviewer's), booking one, moving or cancelling the booking under the position's rules. The rules are in
assessment.interviews.booking."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext

from ..extensions import session
from ..interviews import booking
from ..interviews.rules import change_deadline, changes_made, settings_of, stage_problem
from ..models import utcnow
from ..web.roles import candidate_required
from ..web.timezones import reader_zone
from .blueprint import bp
from .test_taking import own_application


@bp.route("/applications/<int:application_id>/interview")
@candidate_required
def interview(application_id: int):
    application = own_application(application_id)
    db = session()
    problem = stage_problem(application)
    booked = booking.current_booking(db, application)
    if problem and booked is None:
        abort(404, description=problem)
    now = utcnow()
    rules = settings_of(application.position)
    return render_template(
        "candidate/interview.html",
        application=application,
        position=application.position,
        rules=rules,
        booked=booked,
        problem=problem,
        change_problem=booking.change_problem(db, application, booked, now) if booked else None,
        change_until=change_deadline(booked.starts_at, rules) if booked and rules else None,
        changes_left=max(0, rules.max_reschedules - changes_made(db, application)) if rules else 0,
        slots=[] if problem else booking.free_slots(db, application, now),
        my_zone=reader_zone(),
    )


@bp.route("/applications/<int:application_id>/interview", methods=["POST"])
@candidate_required
def interview_action(application_id: int):
    application = own_application(application_id)
    db = session()
    try:
        if request.form.get("action") == "cancel":
            booking.cancel(db, application)
            flash(
                gettext("Your interview is cancelled; we emailed you a confirmation. You can choose another time."),
                "success",
            )
        else:
            slot_id = request.form.get("slot", type=int)
            if slot_id is None:
                raise booking.BookingError(gettext("Choose one of the times listed."))
            moved = booking.current_booking(db, application) is not None
            booking.book(db, application, slot_id)
            flash(
                gettext("Your interview is moved; the new time and a calendar invitation are in your email.")
                if moved
                else gettext("Your interview is booked; the details and a calendar invitation are in your email."),
                "success",
            )
    except booking.BookingError as exc:
        db.rollback()
        flash(str(exc), "error")
    return redirect(url_for("candidate.interview", application_id=application.id))
