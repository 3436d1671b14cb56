"""Building admin POST data the way the browser would."""


def inline_management_data(response, **totals) -> dict:
    """Management form data for every inline of a change form page, with no
    rows unless `totals` says otherwise (prefix -> number of rows)."""
    data = {}
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
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
