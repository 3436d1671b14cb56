"""Admin page titles that read in French (issue 12).

Django's French catalogue writes « Ajout de %s » and « Modification de %s »
with the model's name, and « Ajouter %(name)s » in the breadcrumbs and on
the changelist's button: « Ajout de acteur », « Ajouter acteur ». French
needs the noun's gender (« un acteur », « une convention ») and elision
before a vowel (« de l'acteur », « du plan », « de la convention »): the
gender of every model with admin pages is written here, and the
phrases come in one message per form, so Arabic and English translate each
once (« Add %(name)s »).

templates/admin/change_form.html and change_list_object_tools.html use
these through the `admin_titles` template tags.
"""

from django.utils.translation import gettext
from django.utils.translation import override as language

MASCULINE, FEMININE = "m", "f"

# The grammatical gender of each model's French name (its verbose_name),
# by model label in lower case. tests/admin/test_titles.py keeps it complete.
GENDERS = {
    "auth.group": MASCULINE,  # groupe
    "auth.user": MASCULINE,  # utilisateur
    "authtoken.tokenproxy": MASCULINE,  # jeton
    "actors.actor": MASCULINE,  # acteur
    "actors.person": FEMININE,  # personne
    "plans.sector": MASCULINE,  # secteur
    "plans.region": FEMININE,  # région
    "plans.plan": MASCULINE,  # plan
    "plans.plancomponent": FEMININE,  # composante de plan
    "conventions.convention": FEMININE,
    "conventions.party": FEMININE,  # partie
    "conventions.commitment": MASCULINE,  # engagement
    "conventions.objective": MASCULINE,  # objectif
    "conventions.measurement": FEMININE,  # mesure
    "conventions.followupaction": FEMININE,  # action de suivi
    "conventions.source": FEMININE,
    "conventions.document": MASCULINE,
    "follows.digestsent": MASCULINE,  # rappel envoyé
    "follows.subscription": MASCULINE,  # abonnement par e-mail
}

VOWELS = "aàâäeéèêëiîïoôöuùûüyœh"  # no model's name starts with an aspirated h

# Django's own messages, translated by its catalogue. Named, not written in
# gettext() calls, so that makemessages does not copy them into ours (where
# French would read "Add %s").
DJANGO_ADD, DJANGO_CHANGE, DJANGO_VIEW = "Add %s", "Change %s", "View %s"
DJANGO_ADD_LINK = "Add %(name)s"


def _name(opts) -> str:
    """The model's name as it reads inside a sentence: « jeton », not « Jeton »
    (an acronym keeps its capitals)."""
    name = str(opts.verbose_name)
    return name if name[:2].isupper() else name[:1].lower() + name[1:]


def _elided(opts) -> bool:
    """Whether the French name takes « l' »: decided on the French name,
    whatever the language of the page."""
    with language("fr"):
        return _name(opts)[:1].lower() in VOWELS


def add_title(opts) -> str | None:
    """« Ajout d'un acteur », « Ajout d'une convention »; None for a model
    whose gender is unknown (Django's own title stays)."""
    gender = GENDERS.get(opts.label_lower)
    if gender is None:
        return None
    phrase = gettext("Ajout d'une %(name)s") if gender == FEMININE else gettext("Ajout d'un %(name)s")
    return phrase % {"name": _name(opts)}


def add_link(opts) -> str:
    """« Ajouter un acteur »: the changelist's button (Django's words for a
    model whose gender is unknown)."""
    gender = GENDERS.get(opts.label_lower)
    if gender is None:
        return gettext(DJANGO_ADD_LINK) % {"name": opts.verbose_name}
    phrase = gettext("Ajouter une %(name)s") if gender == FEMININE else gettext("Ajouter un %(name)s")
    return phrase % {"name": _name(opts)}


def change_title(opts, *, may_change: bool = True) -> str | None:
    """« Modification de l'acteur », « Modification du plan », « Modification
    de la convention »; « Affichage … » for a reader who may only view."""
    gender = GENDERS.get(opts.label_lower)
    if gender is None:
        return None
    if _elided(opts):
        phrase = gettext("Modification de l'%(name)s") if may_change else gettext("Affichage de l'%(name)s")
    elif gender == FEMININE:
        phrase = gettext("Modification de la %(name)s") if may_change else gettext("Affichage de la %(name)s")
    else:
        phrase = gettext("Modification du %(name)s") if may_change else gettext("Affichage du %(name)s")
    return phrase % {"name": _name(opts)}


def page_title(title, opts, *, add: bool, may_change: bool) -> str:
    """The title of an add, change or view page: ours in place of Django's
    own (« Ajout de acteur »), any other title (a history page's) as it is."""
    if opts is None or not title:
        return title
    name = opts.verbose_name
    if add and str(title) == gettext(DJANGO_ADD) % name:
        return add_title(opts) or title
    if not add and str(title) in (gettext(DJANGO_CHANGE) % name, gettext(DJANGO_VIEW) % name):
        return change_title(opts, may_change=may_change) or title
    return title
