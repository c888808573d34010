"""Which language a person gets: the profile's choice over the browser's, emails in the recipient's language whoever
sends them, invitations in the language the administrator picks, statements and essay prompts in the candidate's
language when the problem folder has it (English otherwise), and Japanese essays counted fairly."""

from __future__ import annotations

import re

from sqlalchemy import select

from tests.candidate.account_helpers import apply, mails_to, make_position, post_form
from tests.problems.builders import position_tree, write

EN = {"Accept-Language": "en-US,en;q=0.9"}
JA = {"Accept-Language": "ja"}


def _lang(html: str) -> str:
    match = re.search(r'<html lang="([^"]+)"[\s>]', html)
    assert match
    return match.group(1)


def test_the_browser_chooses_until_the_profile_does(app, client, make_user, login, s):
    from assessment.models import AuditEntry, User

    make_user("mei@example.com")
    assert _lang(client.get("/", headers=JA).get_data(as_text=True)) == "ja"
    assert _lang(client.get("/", headers={"Accept-Language": "fr, de"}).get_data(as_text=True)) == "en"  # default
    login("mei@example.com")
    page = client.get("/account/profile", headers=EN).get_data(as_text=True)
    assert 'id="language-settings"' in page and "日本語" in page and "English" in page

    chosen = post_form(client, "/account/profile", {"section": "language", "locale": "ja"}, headers=EN)
    assert chosen.status_code == 302
    after = client.get("/account/profile", headers=EN).get_data(as_text=True)
    assert _lang(after) == "ja" and "言語の設定を保存しました。" in after  # confirmed in the language just chosen
    assert s.scalar(select(User).where(User.email == "mei@example.com")).locale == "ja"
    assert s.scalar(select(AuditEntry).where(AuditEntry.action == "user.locale")).details["new"] == "ja"

    post_form(client, "/account/profile", {"section": "language", "locale": ""}, headers=EN)  # follow the browser
    assert _lang(client.get("/me", headers=EN).get_data(as_text=True)) == "en"
    refused = post_form(client, "/account/profile", {"section": "language", "locale": "xx"}, headers=EN)
    assert refused.status_code == 400


def test_emails_are_written_in_the_recipients_language(app, client, make_user, login, settings, s):
    """A Japanese candidate's test is released by an English-speaking administrator: the email is Japanese; an
    English candidate's is English, whatever the administrator's browser says."""
    from assessment.models import User

    make_position(app, unlock="on_release")
    for email, locale in (("kenji@example.com", "ja"), ("ann@example.com", "en")):
        make_user(email)
        user = s.scalar(select(User).where(User.email == email))
        user.locale = locale
        s.commit()
        candidate = app.test_client()
        login(email, c=candidate)
        assert apply(candidate).status_code == 302
    admin_email = "boss@example.com"
    make_user(admin_email, role="admin")
    admin = app.test_client()
    login(admin_email, c=admin)
    page = admin.get("/admin/positions/backend/applications", headers=JA).get_data(as_text=True)
    ids = re.findall(r'name="selected" value="(\d+)"', page)
    response = post_form(
        admin,
        "/admin/positions/backend/applications",
        {"selected": ids},
        post_url="/admin/positions/backend/applications/release",
        headers=JA,
    )
    assert response.status_code == 302
    [received, japanese] = mails_to(settings, "kenji@example.com")  # "we received your application", "test ready"
    assert "受け付けました" in received["subject"]
    assert japanese["subject"] == "Backend Engineer のテストを受験できます" and "様" in japanese["body"]
    assert "受験できるようになりました" in japanese["body"] and "Good luck" not in japanese["body"]
    english = mails_to(settings, "ann@example.com")[-1]
    assert english["subject"] == "Your test for Backend Engineer is available" and "Good luck!" in english["body"]


def test_a_password_reset_follows_the_accounts_language(app, client, make_user, settings, s):
    from assessment.models import User

    make_user("yui@example.com")
    user = s.scalar(select(User).where(User.email == "yui@example.com"))
    user.locale = "ja"
    s.commit()
    post_form(client, "/password/forgot", {"email": "yui@example.com"}, headers=EN)
    [mail] = mails_to(settings, "yui@example.com")
    assert mail["subject"] == "パスワードの再設定" and "パスワード再設定のご依頼を受け付けました" in mail["body"]


def test_invitations_go_out_in_the_language_the_administrator_picks(app, client, make_user, login, settings):
    make_position(app)
    make_user("boss@example.com", role="admin")
    login("boss@example.com")
    page = client.get("/admin/positions/backend/invitations", headers=EN).get_data(as_text=True)
    assert 'id="invite-locale"' in page and '<option value="ja" lang="ja" >日本語</option>' in page
    post_form(
        client, "/admin/positions/backend/invitations", {"name": "佐藤 健", "email": "ken@example.com", "locale": "ja"}
    )
    [mail] = mails_to(settings, "ken@example.com")
    assert "応募のご案内" in mail["subject"] and "佐藤 健 様" in mail["body"]
    # resent in the same language, whoever resends it
    from assessment.models import Invitation

    with app.extensions["assessment.db"].new_session() as s:
        invitation = s.scalar(select(Invitation))
        assert invitation.locale == "ja"
    post_form(
        client,
        "/admin/positions/backend/invitations",
        {},
        post_url=f"/admin/positions/backend/invitations/{invitation.id}/resend",
        headers=EN,
    )
    assert "応募のご案内" in mails_to(settings, "ken@example.com")[-1]["subject"]


def test_outbox_mail_is_readable_utf8_text(app, client, make_user, settings, s):
    """Quoted-printable made the outbox hard to read (=E3=81=93 for each character, '=' in every link)."""
    from assessment.models import User

    make_user("yui@example.com")
    s.scalar(select(User).where(User.email == "yui@example.com")).locale = "ja"
    s.commit()
    post_form(client, "/password/forgot", {"email": "yui@example.com"})
    [path] = sorted(settings.outbox_dir.glob("*.eml"))
    raw = path.read_bytes()
    headers, _, body = raw.partition(b"\n\n")
    assert b"Content-Transfer-Encoding: 8bit" in headers and b'charset="utf-8"' in headers
    text = body.decode("utf-8")  # the file reads as written
    assert "パスワード" in text and re.search(r"http://\S+/password/reset/[\w.-]+\n", text)
    assert "=E3" not in text and "=\n" not in text


def test_statements_and_prompts_in_several_languages_are_loaded_and_shown(app, tmp_path, s):
    from assessment.models import EssayPrompt, Problem
    from assessment.problems.sync import sync_from_dir
    from assessment.problems.validate import validate_tree

    root = tmp_path / "problems"
    folder = position_tree(root)
    package = folder / "coding" / "addtwo"
    write(
        package / "statement" / "problem.ja.md",
        "$a$ と $b$ を読み、和を出力してください。\n\n## 入力\n\n二つの整数。\n\n## 出力\n\n和。\n",
    )
    problem_yaml = package / "problem.yaml"
    problem_yaml.write_text(problem_yaml.read_text().replace("name: Add Two", "name: {en: Add Two, ja: 二数の和}"))
    write(
        folder / "essays" / "design.ja.md",
        "---\ntitle: レート制限の設計\n---\nHTTP API の**レート制限**をどう作りますか。\n",
    )
    write(folder / "essays" / "orphan.ja.md", "翻訳だけのファイル\n")
    report = validate_tree(root, run_input_validators=False)
    assert not report.errors, report.errors
    assert any("orphan.ja.md" in w.path and "does not exist" in w.message for w in report.warnings)

    result = sync_from_dir(s, root, tmp_path / "snapshots")
    assert result.ok, result.errors
    problem = s.scalar(select(Problem))
    version = problem.current_version
    assert version.title == "Add Two" and version.statement_md.startswith("Read $a$")
    assert version.translations["ja"]["title"] == "二数の和" and "和を出力" in version.translations["ja"]["text"]
    prompt = s.scalar(select(EssayPrompt)).current_version
    assert prompt.translations == {
        "ja": {"title": "レート制限の設計", "body_md": "HTTP API の**レート制限**をどう作りますか。\n"}
    }

    # a changed translation is a new version of the prompt (what a candidate answered stays the version they saw)
    write(folder / "essays" / "design.ja.md", "---\ntitle: レート制限の設計\n---\n別の問いです。\n")
    again = sync_from_dir(s, root, tmp_path / "snapshots")
    assert again.count("essays", "updated") == 1 and again.count("problems", "unchanged") == 1

    from assessment.web.localized import localized

    with app.test_request_context(headers=JA):
        shown = localized(version)
        assert (shown.title, shown.language) == ("二数の和", "ja") and "和を出力" in shown.text
    with app.test_request_context(headers={"Accept-Language": "fr"}):
        assert localized(version).title == "Add Two"  # no French statement: the English one


def test_japanese_essays_are_counted_by_character_like_word_processors_do():
    from assessment.candidate.essays import count_words

    assert count_words("The race condition only appeared under load.") == 7
    assert count_words("私は東京に住んでいます。") == 11  # 11 characters; the full stop is punctuation
    assert count_words("Python で書きました、ok！") == 8
    assert count_words("") == 0
