"""« Nouvelle convention depuis un article »: the admin page of the article
assistant, linked from the conventions' list.

Step 1, the article: its text, address, outlet, date and language; the
extraction reads it (nothing is saved). Step 2, the review: each proposed
convention as forms pre-filled with what was read, each field beside the
sentence it came from; the staff keep, correct or drop each, then save. The
save is one transaction through the services (assistant/drafts.py): the
missing actors and people, one draft per kept convention, the article as
their source. A refusal re-displays the review and saves nothing."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext

from conventions.models import Convention, Source
from core.writes import Refused

from . import drafts, proposals, review
from .extraction import ExtractionError
from .forms import ArticleForm


def article_view(request):
    """The two steps at one address (served through admin.site.admin_view:
    staff only, CSRF, never cached)."""
    if not request.user.has_perm("conventions.add_convention"):
        raise PermissionDenied
    if request.method == "POST" and "review" in request.POST:
        return _save(request)
    form = ArticleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        article = {**form.cleaned_data}
        article["language"] = proposals.language_of(article["text"], article["language"])
        try:
            found = proposals.read(article["text"], published=article["published"], language=article["language"])
        except ExtractionError as error:
            form.add_error("text", str(error))
        else:
            if found:
                token = review.seal(user=request.user, article=article, found=found)
                return _review_page(request, review.Review(article, found), token)
            messages.warning(
                request,
                gettext(
                    "L'assistant n'a trouvé dans ce texte aucune signature de convention. "
                    "Vérifiez qu'il s'agit bien de l'article, ou saisissez la convention à la main."
                ),
            )
    return TemplateResponse(request, "admin/assistant/article.html", _context(request, form=form))


def _save(request):
    try:
        article, found = review.unseal(request.POST["review"], request.user)
    except review.Expired as error:
        messages.error(request, str(error))
        return redirect(reverse("admin-article"))
    checked = review.Review(article, found, data=request.POST)
    if checked.is_valid():
        try:
            saved = drafts.save_drafts(user=request.user, article=checked.article(), drafts=checked.drafts())
        except Refused as refused:
            checked.errors.extend(refusal_messages(refused.errors, checked.kept_titles()))
        except PermissionDenied as denied:
            checked.errors.append(str(denied) or gettext("Vous n'avez pas le droit de créer ces enregistrements."))
        else:
            messages.success(request, saved_message(saved))
            first = saved.conventions[0]
            return redirect(reverse("admin:conventions_convention_change", args=[first.pk]))
    return _review_page(request, checked, request.POST["review"])


def _review_page(request, checked, token):
    url = checked.article_data.get("url")
    known = Source.objects.filter(url=url).first() if url else None
    return TemplateResponse(
        request,
        "admin/assistant/review.html",
        _context(request, review=checked, token=token, known_source=known, article=checked.article_data),
    )


def _context(request, **extra) -> dict:
    return {
        **admin.site.each_context(request),
        "opts": Convention._meta,
        "title": gettext("Nouvelle convention depuis un article"),
        **extra,
    }


def refusal_messages(errors, titles: list[str], path: tuple = ()) -> list[str]:
    """The service layer's nested errors ({"0": {"parties": {"1": {"actor":
    [...]}}}}) as sentences naming the convention they concern."""
    found = []
    if isinstance(errors, dict):
        for key, value in errors.items():
            label = key
            if not path and key.isdigit() and int(key) < len(titles):
                label = gettext("Convention « %(title)s »") % {"title": titles[int(key)]}
            elif key.isdigit():
                label = gettext("ligne %(n)d") % {"n": int(key) + 1}
            found.extend(refusal_messages(value, titles, (*path, label)))
    elif isinstance(errors, list | tuple):
        for message in errors:
            found.extend(refusal_messages(message, titles, path))
    else:
        found.append(f"{' › '.join(str(p) for p in path)} : {errors}" if path else str(errors))
    return found


def saved_message(saved: drafts.Saved) -> str:
    def names(rows, attribute):
        return ", ".join(f"« {getattr(row, attribute)} »" for row in rows)

    parts = [gettext("conventions en brouillon : %(names)s") % {"names": names(saved.conventions, "title")}]
    if saved.actors:
        parts.append(gettext("acteurs : %(names)s") % {"names": names(saved.actors, "name")})
    if saved.people:
        parts.append(gettext("personnes : %(names)s") % {"names": names(saved.people, "name")})
    if saved.source_created:
        parts.append(gettext("source : « %(title)s »") % {"title": saved.source.title})
    else:
        parts.append(gettext("ajoutées à la source existante « %(title)s »") % {"title": saved.source.title})
    return gettext("Créé — %(list)s. Relisez chaque brouillon avant de l'envoyer en relecture.") % {
        "list": " ; ".join(parts)
    }
