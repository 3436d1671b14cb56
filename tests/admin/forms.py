"""Building admin POST data the way the browser would."""


def each_formset(response):
    """Every inline formset of a change form page, the nested ones (a party's
    commitments, an objective's measurements: django-nested-admin) after
    their parent, as the browser posts them."""
    for inline in response.context["inline_admin_formsets"]:
        yield from _with_nested(inline.formset)


def _with_nested(formset):
    yield formset
    for form in formset.forms:
        for nested in getattr(form, "nested_formsets", ()):
            yield from _with_nested(nested)


def inline_management_data(response, **totals) -> dict:
    """Management form data for every inline of a change form page (nested
    ones included), with no rows unless `totals` says otherwise (prefix ->
    number of rows)."""
    data = {}
    for formset in each_formset(response):
        data.update(
            {
                f"{formset.prefix}-TOTAL_FORMS": str(totals.get(formset.prefix, formset.initial_form_count())),
                f"{formset.prefix}-INITIAL_FORMS": str(formset.initial_form_count()),
                f"{formset.prefix}-MIN_NUM_FORMS": "0",
                f"{formset.prefix}-MAX_NUM_FORMS": "1000",
            }
        )
    return data


def inline_prefixes(response) -> list[str]:
    return [inline.formset.prefix for inline in response.context["inline_admin_formsets"]]


def convention_form_data(**overrides) -> dict:
    data = {
        "title_fr": "Convention pour l'intégration locale des composants automobiles",
        "title_ar": "",
        "title_en": "",
        "slug": "integration-locale-composants",
        "reference": "",
        "kind": "partnership",
        "status": "signed",
        "summary_fr": "",
        "summary_ar": "",
        "summary_en": "",
        "signed_on": "2019-02-14",
        "signed_on_precision": "month",
        "place": "Tanger",
        "event": "8e Salon de l'Automobile de Tanger",
        "start_on": "",
        "end_on": "",
        "amount": "",
        "currency": "MAD",
        "scope": "national",
        "publication_state": "draft",
        "text": "",
    }
    data.update(overrides)
    return data
