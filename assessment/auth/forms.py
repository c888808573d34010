from __future__ import annotations

from flask_babel import lazy_gettext
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, PasswordField
from wtforms.validators import DataRequired, Email, Length


class LoginForm(FlaskForm):
    email = EmailField(
        lazy_gettext("Email"),
        validators=[
            DataRequired(lazy_gettext("Enter your email address.")),
            Email(lazy_gettext("Enter a valid email address."), check_deliverability=False),
            Length(max=320),
        ],
    )
    password = PasswordField(
        lazy_gettext("Password"), validators=[DataRequired(lazy_gettext("Enter your password.")), Length(max=200)]
    )
    remember = BooleanField(lazy_gettext("Keep me signed in on this device"))
