"""Template helpers shared by every public page."""

import re
from decimal import Decimal
from functools import partial

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import (
    get_language,
    get_language_bidi,
    get_language_info,
    gettext,
    ngettext,
    npgettext,
    pgettext,
)

from core import numbers
from core.charts import column_chart
from core.dates import format_partial, period_end
from core.numbers import localized

register = template.Library()

BILLION = Decimal(10**9)
MILLION = Decimal(10**6)


@register.simple_tag(takes_context=True)
def language_links(context):
    """The current page (with its filters) in each language, for the switcher
    and the hreflang alternates."""
    request = context["request"]
    path = request.get_full_path()
    links = []
    for code, _name in settings.LANGUAGES:
        info = get_language_info(code)
        links.append(
            {
                "code": code,
                "name": info["name_local"],
                "url": translate_url(path, code),
                "absolute_url": request.build_absolute_uri(translate_url(path, code)),
                "bidi": info["bidi"],
            }
        )
    return links


@register.simple_tag(takes_context=True)
def canonical_url(context):
    request = context["request"]
    return request.build_absolute_uri(request.path)


@register.filter
def partial_date(value, precision):
    return format_partial(value, precision)


@register.filter
def number(value):
    """13340 → « 13 340 », 1.70 → « 1,7 »; empty for no value."""
    if value is None or value == "":
        return ""
    return localized(value)


@register.filter
def money(value, currency="MAD"):
    """130000000000 → « 130 milliards MAD », 1.7e9 → « 1,7 milliard MAD »,
    2.5e6 → « 2,5 millions MAD », smaller amounts in full."""
    if value is None or value == "":
        return ""
    value = Decimal(value)
    currency = currency or ""
    if abs(value) < MILLION:
        return f"{localized(value)} {currency}".strip()
    billions = abs(value) >= BILLION
    scaled = value / (BILLION if billions else MILLION)
    # The plural follows the number shown (1.96 billion reads « 2 »), and
    # gettext's plural rules only see integers: an amount with a decimal part
    # has its own message, counted by its integer part. French writes
    # « 1,7 milliard » but « 2,5 milliards »; Arabic puts the noun after a
    # decimal number in the singular, whatever its integer part.
    shown = round(abs(scaled), 1)
    count = int(shown)
    if shown == count and billions:
        text = ngettext("%(amount)s milliard %(currency)s", "%(amount)s milliards %(currency)s", count)
    elif shown == count:
        text = ngettext("%(amount)s million %(currency)s", "%(amount)s millions %(currency)s", count)
    elif billions:
        text = npgettext(
            "montant décimal", "%(amount)s milliard %(currency)s", "%(amount)s milliards %(currency)s", count
        )
    else:
        text = npgettext(
            "montant décimal", "%(amount)s million %(currency)s", "%(amount)s millions %(currency)s", count
        )
    return (text % {"amount": localized(scaled, 1), "currency": currency}).strip()


CURRENCY = re.compile(r"^[A-Z]{3}$")


@register.filter
def quantity(value, unit=""):
    """A value with its unit: money when the unit is a currency code (MAD,
    EUR), otherwise the number then the unit (« 500 000 emplois »)."""
    if value is None or value == "":
        return ""
    if unit and CURRENCY.match(unit):
        return money(value, unit)
    return f"{localized(value)} {unit}".strip()


@register.simple_tag
def list_separator():
    """What goes between the items of a list written inline: « , » in French
    and English, the Arabic comma « ، » in Arabic."""
    return pgettext("séparateur de liste", ", ")


@register.simple_tag
def citation(item):
    """Where a commitment, objective, measurement or action comes from, as
    {"url", "label"}, or None. A cited document is linked at its page only when
    its convention is published (the caller select_related()s
    document__convention and source, so this costs no query)."""
    parts = [part for part in (item.clause, gettext("p. %(page)s") % {"page": item.page} if item.page else "") if part]
    separator = list_separator()

    def joined(pieces):  # the title or outlet isolated (see as_written), the rest escaped
        return mark_safe(conditional_escape(separator).join(conditional_escape(p) for p in pieces if p))

    document = item.document if item.document_id else None
    if document is not None and document.convention.is_published:
        own = getattr(document, f"title_{_page_language()}", None)
        title = document.title if own else as_written(document.title, settings.MODELTRANSLATION_DEFAULT_LANGUAGE)
        return {"url": document.page_url(item.page), "label": joined([title, *parts])}
    source = item.source if item.source_id else None
    if source is not None:
        name = as_written(source.outlet or source.title, source.language)
        return {"url": source.url, "label": joined([name, source.published_date_display, *parts])}
    if parts:
        return {"url": "", "label": separator.join(parts)}
    return None


@register.simple_tag(takes_context=True)
def note_ref(context, item):
    """A cited item's numbered note, « [1] », linking to its entry in the
    page's sources list, with the clause and page it cites beside it (a
    document's page linked). Only on pages that number their sources (a
    `source_notes` in the context, see core/citations.py): empty elsewhere."""
    notes = context.get("source_notes")
    note = notes.cite(item) if notes is not None else None
    if note is None:
        return ""
    html = ""
    if note["number"] is not None:
        html = format_html(
            '<sup class="note-ref"><a href="#{}"><span class="visually-hidden">{} </span>[{}]</a></sup>',
            note["anchor"],
            gettext("Source"),
            note["number"],
        )
    if note["detail"]:
        detail = format_html('<a href="{}">{}</a>', note["url"], note["detail"]) if note["url"] else note["detail"]
        html = format_html('{} <span class="meta note-detail">({})</span>', html, detail)
    return html


@register.simple_tag(takes_context=True)
def objective_progress(context, objective):
    """Everything the objective partial shows about progress, computed once
    per objective and date: the reading as of the page's `as_of` (today when
    the context has none) by the rule of conventions.progress — the
    measurement it rests on (`latest`), the real percentage, the bar's value
    (held between 0 and 100), the share the straight path expects, the
    status and its label, whether the figure predates the signature — and,
    read only when shown, the history (the status each measurement implied
    on its own date). Reads prefetched measurements, and the page's `plan`
    for a plan's objectives: no query."""
    as_of = context.get("as_of")
    shown = objective.__dict__.setdefault("_progress_shown", {})
    if as_of in shown:
        return shown[as_of]
    plan = context.get("plan")
    reading = objective.progress_reading(as_of, plan=plan)
    Progress = type(objective).Progress
    percent = numbers.percent(reading.progress)
    convention = objective.convention if objective.convention_id else None
    shown[as_of] = result = {
        "reading": reading,
        "latest": reading.measurement,
        "percent": percent,
        "bar": min(max(percent, 0), 100) if percent is not None else None,
        "expected": numbers.percent(reading.expected),
        # The pace is worth saying while it decides the status.
        "paced": reading.expected is not None and reading.status in ("on_track", "at_risk", "late"),
        "status": reading.status,
        "status_label": Progress(reading.status).label,
        "context": reading.context,
        "unsigned": convention is not None and convention.signed_on is None,
        "reached_by": reading.reached_by if reading.reached_by is not reading.measurement else None,
        "as_of": reading.as_of,
        # The horizon has passed with the target not reached (no measurement
        # may say whether it was): a progress report names these first.
        "past_horizon": reading.horizon_end is not None
        and reading.as_of > reading.horizon_end
        and reading.status != "reached",
        # Called by the template when it shows the history (a partial of a
        # module function: the instance, memo included, stays picklable).
        "history": partial(_history, objective, plan, as_of),
    }
    return result


def _history(objective, plan, as_of) -> list[dict]:
    """Each measurement (standing on or before `as_of`, if given) with the
    status it implied on its own date."""
    Progress = type(objective).Progress
    return [
        {
            "measurement": measurement,
            "percent": numbers.percent(then.progress),
            "status": then.status,
            "status_label": Progress(then.status).label,
            "context": then.context,
        }
        for measurement, then in objective.progress_history(plan=plan)
        if as_of is None or then.as_of <= as_of
    ]


@register.simple_tag(takes_context=True)
def measurement_chart(context, objective):
    """Columns of the objective's measurements (those standing on or before
    the page's `as_of`, when it has one) with its target as a line; None
    under two measurements (one value is no series)."""
    measurements = list(objective.measurements.all())
    as_of = context.get("as_of")
    if as_of is not None:
        measurements = [m for m in measurements if period_end(m.measured_on, m.measured_on_precision) <= as_of]
    if len(measurements) < 2:
        return None
    rows = [(m.measured_date_display, m.value, quantity(m.value, objective.unit)) for m in measurements]
    # Where each measurement was expected to stand on its own date, on the
    # straight path from the start to the horizon (conventions.progress);
    # none before the signature, or without a dated horizon and a start.
    readings = dict((m.pk, reading) for m, reading in objective.progress_history(plan=context.get("plan")))
    expected = []
    for m in measurements:
        reading = readings.get(m.pk)
        if reading is None or reading.expected is None or reading.context:
            expected.append(None)
            continue
        start = reading.baseline or Decimal(0)
        value = start + Decimal(str(reading.expected)) * (objective.target_value - start)
        # Shown to the target's own precision: 200 jobs, not 200,17.
        places = max(0, -objective.target_value.normalize().as_tuple().exponent)
        expected.append((value, quantity(value.quantize(Decimal(1).scaleb(-places)), objective.unit)))
    return column_chart(
        rows,
        rtl=get_language_bidi(),
        width=480,
        height=180,
        target=objective.target_value,
        target_display=quantity(objective.target_value, objective.unit),
        expected=expected,
    )


@register.filter
def tr(obj, field):
    """A translated field in the active language. When only the French text
    exists, it is shown isolated and marked, so an Arabic or English reader
    knows the translation is missing (and the text reads in its own direction)."""
    value = getattr(obj, field, "") or ""
    language = get_language() or settings.LANGUAGE_CODE
    default = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
    if language == default or not value or getattr(obj, f"{field}_{language}", None):
        return value
    return format_html(
        '<bdi lang="{}" class="fallback">{}</bdi> <small class="fallback-note">{}</small>',
        default,
        value,
        gettext("(en français)"),
    )


# --- Text kept in one language (issue 12) --------------------------------------
# On an Arabic page, French left bare in the right-to-left flow moves its
# punctuation to the wrong end (« .S'est exprimé… »): every text that is not in
# the page's language is isolated, with its language when it is known. Three
# cases, beside `tr` above (a translated field falling back to French):
# - `as_written`: names and titles kept as written (people, actors' names in a
#   source, places, events, outlets, source titles): isolated only;
# - `in_french`: free text that staff write in French only (functions, notes):
#   isolated and marked « (en français) », as `tr` marks a fallback;
# - `actor_name` / `actor_short`: an actor named through `tr`, its acronym isolated.


def _page_language() -> str:
    return get_language() or settings.LANGUAGE_CODE


@register.filter
def as_written(value, language=""):
    """`value` isolated in a <bdi> (with `lang` when `language` is given) on a
    page in another language; as it is on a page in its own language (or, for
    text of unknown language, on the French pages it was written for)."""
    if value is None or value == "":
        return ""
    page = _page_language()
    if language == page or (not language and page == settings.MODELTRANSLATION_DEFAULT_LANGUAGE):
        return value
    if language:
        return format_html('<bdi lang="{}">{}</bdi>', language, value)
    return format_html("<bdi>{}</bdi>", value)


@register.filter
def in_french(value):
    """Free text written in French only, on an Arabic or English page:
    isolated and marked, like a translation that is missing."""
    if value is None or value == "":
        return ""
    default = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
    if _page_language() == default:
        return value
    return format_html(
        '<bdi lang="{}" class="fallback">{}</bdi> <small class="fallback-note">{}</small>',
        default,
        value,
        gettext("(en français)"),
    )


@register.filter
def actor_short(actor):
    """The acronym (isolated), or else the name in the page's language."""
    if actor is None:
        return ""
    return as_written(actor.acronym) if actor.acronym else tr(actor, "name")


@register.filter
def actor_name(actor):
    """« Name (ACRONYM) », the name in the page's language (marked when it
    falls back to French), the acronym isolated."""
    if actor is None:
        return ""
    if actor.acronym:
        return format_html("{} ({})", tr(actor, "name"), as_written(actor.acronym))
    return tr(actor, "name")


@register.filter
def horizon(objective):
    """An objective's horizon: its date to the precision known, or else its
    label in the page's language (marked when it falls back to French)."""
    if objective.horizon_on:
        return format_partial(objective.horizon_on, objective.horizon_on_precision)
    return tr(objective, "horizon_label")


@register.filter
def match_of(matches, convention):
    """Why `convention` was found, from a page's conventions.highlights.for_rows
    (computed for the whole page on the first row asked): a Match, or None."""
    return matches.get(convention.pk) if matches else None
