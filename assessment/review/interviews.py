"""The interview stage of a position, for staff: interviewers publish availability (in their own time zone), join
panels, withdraw times and fill scorecards; deciders and administrators see who booked what, the scorecards (after
their own, if they sit on the panel) and the interview scores, and record the decision after the interviews. The rules
are in assessment.interviews; who may see what in assessment.selection.access."""

from __future__ import annotations

from datetime import date, time

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext, ngettext
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from ..enums import DecisionKind, DecisionStage, InterviewRecommendation
from ..extensions import session
from ..interviews import scorecards, slots
from ..interviews.rules import settings_of
from ..models import Application, InterviewSlot, utcnow
from ..selection import access
from ..selection.decisions import release_plan
from ..timezones import known_zones, person_zone
from ..web.roles import staff_required
from ..web.timezones import reader_zone
from .access import (
    application_or_404,
    interviews_position_or_403,
    may_decide,
    may_interview,
    may_see_identity,
    position_or_404,
)
from .blueprint import bp


def _slot_or_404(position_id: int, slot_id: int) -> InterviewSlot:
    slot = session().get(InterviewSlot, slot_id)
    if slot is None or slot.position_id != position_id:
        abort(404)
    return slot


@bp.route("/positions/<slug>/interviews")
@staff_required
def interviews(slug: str):
    position = interviews_position_or_403(slug)
    db = session()
    now = utcnow()
    interviewer = may_interview(position)
    deciding = may_decide(position)
    everything = slots.position_slots(db, position)
    mine = [s for s in everything if s.on_panel(current_user.id)]
    others = [s for s in everything if not s.on_panel(current_user.id) and s.ends_at >= now]
    shortlisted = []
    if deciding:
        applications = db.scalars(
            select(Application)
            .where(Application.position_id == position.id)
            .options(selectinload(Application.decisions), selectinload(Application.user))
            .order_by(Application.id)
        ).all()
        booked = {s.application_id: s for s in everything if s.application_id is not None}
        owed = access.scorecards_owed(db, position, current_user)
        for application in applications:
            after_test = application.released_decision_at(DecisionStage.TEST)
            if after_test is None or after_test.decision != DecisionKind.SHORTLIST:
                continue
            cards = scorecards.scorecards(db, application)
            slot = booked.get(application.id)
            shortlisted.append(
                {
                    "application": application,
                    "slot": slot,
                    "panel": len(slot.panel) if slot else 0,
                    "cards": len(cards),
                    "score": None if application.id in owed else scorecards.score(cards),
                    "owed": application.id in owed,
                    "final": application.decision_at(DecisionStage.INTERVIEW),
                }
            )
    return render_template(
        "review/interviews.html",
        position=position,
        rules=settings_of(position),
        interviewer=interviewer,
        deciding=deciding,
        identity=may_see_identity(position),
        mine=mine,
        others=others,
        shortlisted=shortlisted,
        now=now,
        zones=sorted(known_zones()),
        my_zone=reader_zone(),
        candidate_zone=lambda application: person_zone(application.user, position.timezone),
        final_kinds=DecisionKind.at(DecisionStage.INTERVIEW),
        plan=release_plan(db, position, DecisionStage.INTERVIEW) if current_user.is_admin else None,
        today=now.date().isoformat(),
    )


@bp.route("/positions/<slug>/interviews/slots", methods=["POST"])
@staff_required
def interview_slots_publish(slug: str):
    position = position_or_404(slug)
    if not may_interview(position):
        abort(403, description=access.NOT_AN_INTERVIEWER)
    form = request.form
    try:
        day = date.fromisoformat(form.get("date", ""))
        start = time.fromisoformat(form.get("start", ""))
        end = time.fromisoformat(form.get("end", ""))
    except ValueError:
        flash(gettext("Give a date (YYYY-MM-DD) and the start and end times (HH:MM) of your availability."), "error")
        return redirect(url_for("review.interviews", slug=slug))
    zone = form.get("timezone") or reader_zone()
    try:
        made = slots.publish(session(), position, current_user, day, start, end, zone, form.get("location", ""))
    except slots.SlotError as exc:
        session().rollback()
        flash(str(exc), "error")
    else:
        flash(ngettext("%(num)d interview time published.", "%(num)d interview times published.", len(made)), "success")
    return redirect(url_for("review.interviews", slug=slug))


@bp.route("/positions/<slug>/interviews/slots/<int:slot_id>/<action>", methods=["POST"])
@staff_required
def interview_slot_action(slug: str, slot_id: int, action: str):
    position = position_or_404(slug)
    if not may_interview(position):
        abort(403, description=access.NOT_AN_INTERVIEWER)
    slot = _slot_or_404(position.id, slot_id)
    db = session()
    try:
        if action == "withdraw":
            cancelled = slots.withdraw(db, slot, current_user, request.form.get("reason", ""))
            flash(
                gettext("The time is withdrawn; the candidate who had booked it was told and can choose another.")
                if cancelled is not None
                else gettext("The time is withdrawn."),
                "success",
            )
        elif action == "join":
            slots.join(db, slot, current_user)
            flash(gettext("You joined the panel."), "success")
        elif action == "leave":
            slots.leave(db, slot, current_user)
            flash(gettext("You left the panel."), "success")
        else:
            abort(404)
    except slots.SlotError as exc:
        db.rollback()
        flash(str(exc), "error")
    return redirect(url_for("review.interviews", slug=slug))


@bp.route("/positions/<slug>/candidates/<int:application_id>/scorecard", methods=["GET", "POST"])
@staff_required
def scorecard(slug: str, application_id: int):
    position = position_or_404(slug)
    application = application_or_404(position, application_id)
    db = session()
    # On the panel counts only while the person may still interview (or decide): a permission taken away, or
    # grading given, closes the scorecard page to them.
    panel = access.on_panel(db, application, current_user) and (
        access.may_interview(db, position, current_user) or access.may_decide(db, position, current_user)
    )
    if not panel and not access.may_see_scorecards(db, application, current_user):
        abort(
            403, description=gettext("Scorecards are for the candidate's interviewers and for the people who decide.")
        )
    rules = settings_of(position)
    error = None
    if request.method == "POST":
        try:
            scorecards.submit(
                db,
                application,
                current_user,
                {key[len("rating-") :]: value for key, value in request.form.items() if key.startswith("rating-")},
                request.form.get("recommendation", ""),
                request.form.get("notes", ""),
            )
        except scorecards.ScorecardError as exc:
            db.rollback()
            error = str(exc)
        else:
            flash(gettext("Your scorecard is submitted."), "success")
            return redirect(url_for("review.scorecard", slug=slug, application_id=application.id))
    others_visible = access.may_see_scorecards(db, application, current_user)
    cards = scorecards.scorecards(db, application) if others_visible else []
    own = scorecards.own(db, application, current_user)
    return render_template(
        "review/scorecard.html",
        position=position,
        application=application,
        rules=rules,
        slot=access.booked_slot(db, application),
        fill_problem=scorecards.fill_problem(db, application, current_user),
        on_panel=panel,
        own=own,
        cards=cards,
        score=scorecards.score(cards) if others_visible else None,
        recommendations=list(InterviewRecommendation),
        error=error,
        form=request.form,
        candidate_zone=person_zone(application.user, position.timezone),
    ), (400 if error else 200)
