"""send_followup_digest, over a real SMTP conversation (conftest.smtp): who
is told what, in which language, once a day, and what a failure leaves."""

import datetime
from io import StringIO

import pytest
from django.contrib.auth.models import Permission, User
from django.core.management import CommandError, call_command
from django.utils import translation

from actors.models import ReminderContact
from conventions.models import FollowUpAction
from core.dates import DatePrecision
from follows.models import DigestSent, Watch
from tests import factories as f

from .conftest import free_port, smtp_mailer

pytestmark = pytest.mark.django_db

TODAY = "2026-03-10"


def run(*args) -> str:
    out = StringIO()
    call_command("send_followup_digest", "--date", TODAY, *args, stdout=out, stderr=out)
    return out.getvalue()


def contact(actor, email, language=""):
    return ReminderContact.objects.create(actor=actor, email=email, language=language)


@pytest.fixture
def register():
    """An association answering for actions of a published convention
    (overdue, due soon, due later, done) and of a draft."""
    association = f.ActorFactory(name="Association marocaine des industries", acronym="AMIC")
    contact(association, "suivi@amic.ma")
    published = f.ConventionFactory(
        title_fr="Convention de l'écosystème câblage", title_ar="اتفاقية منظومة الأسلاك", slug="cablage"
    )
    draft = f.ConventionFactory(draft=True, title_fr="Brouillon confidentiel", slug="brouillon")
    actions = {
        "overdue": f.FollowUpActionFactory(
            convention=published, responsible=association, title_fr="Rapport d'étape", due_on=datetime.date(2026, 2, 1)
        ),
        "soon": f.FollowUpActionFactory(
            convention=published,
            responsible=association,
            title_fr="Comité de pilotage",
            title_ar="لجنة القيادة",
            due_on=datetime.date(2026, 3, 20),
        ),
        "later": f.FollowUpActionFactory(
            convention=published, responsible=association, title_fr="Bilan final", due_on=datetime.date(2026, 9, 1)
        ),
        "done": f.FollowUpActionFactory(
            convention=published,
            responsible=association,
            title_fr="Action achevée",
            due_on=datetime.date(2026, 1, 5),
            state=FollowUpAction.State.DONE,
        ),
        "draft": f.FollowUpActionFactory(
            convention=draft, responsible=association, title_fr="Action du brouillon", due_on=datetime.date(2026, 2, 1)
        ),
    }
    return {"association": association, "published": published, "draft": draft, "actions": actions}


@pytest.fixture
def staff():
    user = User.objects.create_user("analyste", email="analyste@mic.gov.ma", password="x", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_convention"))
    return user


def test_an_actor_s_contact_gets_its_overdue_and_soon_due_actions_in_french_in_both_parts(smtp, register):
    output = run()

    [received] = smtp.to("suivi@amic.ma")
    assert received.sender == "rappels@shiraka.test"
    assert received.subject == "Shiraka — 2 actions de suivi à échéance ou en retard"
    for part in (received.text, received.html):
        assert "Convention de l'écosystème câblage" in part
        assert "Rapport d'étape" in part and "Comité de pilotage" in part
        assert "En retard" in part
        assert "https://shiraka.test/fr/conventions/cablage/" in part
        # Not due yet, done, or in a draft: none of them.
        assert "Bilan final" not in part and "Action achevée" not in part
        assert "brouillon" not in part.lower()
        assert "/admin/" not in part
    assert '<html lang="fr" dir="ltr">' in received.html
    assert "suivi@amic.ma [fr] : 2 action(s), dont 1 en retard" in output


def test_the_digest_speaks_the_contact_s_language(smtp, register):
    ReminderContact.objects.filter(email="suivi@amic.ma").update(language="ar")

    run()

    [received] = smtp.to("suivi@amic.ma")
    with translation.override("ar"):
        expected_subject = translation.ngettext(
            "Shiraka — %(count)s action de suivi à échéance ou en retard",
            "Shiraka — %(count)s actions de suivi à échéance ou en retard",
            2,
        ) % {"count": 2}
    assert received.subject == expected_subject
    for part in (received.text, received.html):
        assert "اتفاقية منظومة الأسلاك" in part  # the convention's Arabic title
        assert "لجنة القيادة" in part  # the action's
        assert "متأخر" in part  # "En retard"
        assert "مبرمج" in part  # its state, "Prévue"
        assert "https://shiraka.test/ar/conventions/cablage/" in part
    assert '<html lang="ar" dir="rtl">' in received.html


def test_a_second_run_the_same_day_sends_nothing(smtp, register):
    run()
    output = run()

    assert len(smtp.to("suivi@amic.ma")) == 1
    assert "déjà envoyé le 2026-03-10 : suivi@amic.ma" in output
    assert DigestSent.objects.get().actions == 2


def test_the_next_day_the_digest_is_sent_again(smtp, register):
    run()
    call_command("send_followup_digest", "--date", "2026-03-11", stdout=StringIO())

    assert len(smtp.to("suivi@amic.ma")) == 2
    assert DigestSent.objects.count() == 2


def test_a_dry_run_sends_and_records_nothing(smtp, register):
    output = run("--dry-run")

    assert smtp.received == []
    assert not DigestSent.objects.exists()
    assert "serait envoyé : suivi@amic.ma [fr] : 2 action(s)" in output


def test_an_address_with_nothing_due_gets_no_message(smtp, register):
    quiet = f.ActorFactory()
    contact(quiet, "calme@exemple.ma")
    f.FollowUpActionFactory(convention=register["published"], responsible=quiet, due_on=datetime.date(2027, 1, 1))

    run()

    assert smtp.to("calme@exemple.ma") == []


def test_days_ahead_widens_what_is_due_soon(smtp, register):
    run("--days-ahead", "200")

    [received] = smtp.to("suivi@amic.ma")
    assert "Bilan final" in received.text


def test_a_draft_is_never_sent_to_an_external_contact(smtp, register):
    """Only a draft's action is due: the contact gets nothing at all."""
    FollowUpAction.objects.filter(convention=register["published"]).delete()

    run("--days-ahead", "400")

    assert smtp.to("suivi@amic.ma") == []


def test_staff_watching_a_draft_get_its_actions_with_the_admin_link(smtp, register, staff):
    Watch.objects.create(user=staff, convention=register["draft"])
    Watch.objects.create(user=staff, convention=register["published"])

    run()

    [received] = smtp.to("analyste@mic.gov.ma")
    for part in (received.text, received.html):
        assert "Brouillon confidentiel" in part and "Action du brouillon" in part
        assert f"https://shiraka.test/admin/conventions/convention/{register['draft'].pk}/change/" in part
        assert "https://shiraka.test/fr/conventions/cablage/" in part  # the published one's public page too
        assert "/fr/conventions/brouillon/" not in part  # a draft has no public page
    # The association's contact still sees no draft.
    assert "brouillon" not in smtp.to("suivi@amic.ma")[0].text.lower()


def test_a_watcher_who_left_the_staff_gets_nothing(smtp, register, staff):
    Watch.objects.create(user=staff, convention=register["draft"])
    User.objects.filter(pk=staff.pk).update(is_staff=False)

    run()

    assert smtp.to("analyste@mic.gov.ma") == []


def test_a_refused_message_is_reported_and_not_recorded(smtp, register):
    refused = f.ActorFactory()
    contact(refused, "refuse@exemple.ma")
    f.FollowUpActionFactory(convention=register["published"], responsible=refused, due_on=datetime.date(2026, 3, 1))
    err = StringIO()

    with pytest.raises(CommandError, match="1 rappel\\(s\\) non envoyé\\(s\\) : refuse@exemple.ma"):
        call_command("send_followup_digest", "--date", TODAY, stdout=StringIO(), stderr=err)

    assert "ÉCHEC, rien n'est noté comme envoyé : refuse@exemple.ma" in err.getvalue()
    assert "550" in err.getvalue()
    # The other recipient was served, and only it is recorded.
    assert len(smtp.to("suivi@amic.ma")) == 1
    assert list(DigestSent.objects.values_list("email", flat=True)) == ["suivi@amic.ma"]


def test_a_mail_server_that_does_not_answer_fails_the_run(settings, register):
    settings.MAILERS = smtp_mailer(free_port())  # nobody listens there

    with pytest.raises(CommandError):
        call_command("send_followup_digest", "--date", TODAY, stdout=StringIO(), stderr=StringIO())

    assert not DigestSent.objects.exists()


def test_a_month_due_date_is_due_at_the_end_of_its_month(smtp, register):
    FollowUpAction.objects.exclude(pk=register["actions"]["later"].pk).delete()
    FollowUpAction.objects.filter(pk=register["actions"]["later"].pk).update(
        due_on=datetime.date(2026, 3, 1), due_on_precision=DatePrecision.MONTH
    )

    run()  # 31 March is 21 days away
    assert smtp.to("suivi@amic.ma") == []

    call_command("send_followup_digest", "--date", "2026-03-17", stdout=StringIO())
    [received] = smtp.to("suivi@amic.ma")
    assert "Bilan final" in received.text and "En retard" not in received.text


def test_a_bad_date_is_refused_clearly():
    with pytest.raises(CommandError, match="AAAA-MM-JJ"):
        call_command("send_followup_digest", "--date", "10/03/2026", stdout=StringIO())
