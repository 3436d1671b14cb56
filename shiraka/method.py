"""The public page « Méthode »: how an objective's progress and status are
read as of a date. The worked examples are computed by conventions.progress
itself, so the page cannot drift from the rule it explains."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from conventions import progress
from conventions.models import Objective
from core import numbers
from core.dates import DatePrecision

D = datetime.date


@dataclass(frozen=True)
class Figure:
    """A measurement of a worked example (the rule is duck-typed on these fields)."""

    value: Decimal
    measured_on: datetime.date
    measured_on_precision: str = DatePrecision.DAY
    pk: None = None


def _example(title, terms, unit, measurements, dates):
    rows = []
    for as_of in dates:
        reading = progress.read(terms, measurements, as_of)
        rows.append(
            {
                "as_of": as_of,
                "measurement": reading.measurement,
                "progress": numbers.percent(reading.progress),
                "expected": numbers.percent(reading.expected),
                "context": reading.context,
                "status": reading.status,
                "status_label": Objective.Progress(reading.status).label,
            }
        )
    return {"title": title, "unit": unit, "rows": rows}


def worked_examples() -> list[dict]:
    jobs = progress.Terms(
        target=Decimal(13_340),
        comparator=progress.AT_LEAST,
        horizon_end=D(2020, 12, 31),
        convention=True,
        signed_on=D(2016, 1, 1),
    )
    jobs_figures = [Figure(Decimal(8_900), D(2018, 7, 2))]
    reached = [
        Figure(Decimal(8_900), D(2018, 7, 2)),
        Figure(Decimal(13_400), D(2019, 1, 1), DatePrecision.YEAR),
        Figure(Decimal(13_000), D(2020, 1, 1), DatePrecision.YEAR),
    ]
    unemployment = progress.Terms(
        target=Decimal(30),
        comparator=progress.AT_MOST,
        baseline=Decimal(40),
        baseline_year=2020,
        horizon_end=D(2024, 12, 31),
        convention=True,
        signed_on=D(2020, 3, 1),
    )
    exports = progress.Terms(
        target=Decimal(130_000_000_000),
        comparator=progress.ABOUT,
        convention=True,
        signed_on=D(2025, 2, 12),
    )
    return [
        _example(
            _(
                "Emplois créés : au moins 13 340 d'ici 2020, contrat signé en 2016, 8 900 emplois mesurés le "
                "2 juillet 2018"
            ),
            jobs,
            "emplois",
            jobs_figures,
            [D(2018, 7, 2), D(2020, 1, 2), D(2020, 10, 1), D(2021, 6, 30)],
        ),
        _example(
            _("Le même objectif, 13 400 emplois mesurés pour 2019 puis 13 000 pour 2020"),
            jobs,
            "emplois",
            reached,
            [D(2019, 12, 31), D(2020, 12, 31), D(2021, 6, 30)],
        ),
        _example(
            _(
                "Un taux qui doit baisser : au plus 30, départ à 40 en 2020, échéance 2024, convention signée en "
                "mars 2020, 36 mesuré pour 2022"
            ),
            unemployment,
            "%",
            [Figure(Decimal(36), D(2022, 1, 1), DatePrecision.YEAR)],
            [D(2022, 12, 31)],
        ),
        _example(
            _(
                "Environ 130 milliards MAD d'exportations « d'ici la fin de l'année » (échéance non datée), "
                "convention signée le 12 février 2025 : 157 milliards pour 2024, puis 125 milliards pour 2025"
            ),
            exports,
            "MAD",
            [
                Figure(Decimal(157_000_000_000), D(2024, 1, 1), DatePrecision.YEAR),
                Figure(Decimal(125_000_000_000), D(2025, 1, 1), DatePrecision.YEAR),
            ],
            [D(2025, 6, 30), D(2025, 12, 31)],
        ),
    ]


# What each status says, in the order a reader meets them.
MEANINGS = {
    progress.NO_DATA: _("Aucune mesure ne date d'avant la date de lecture."),
    progress.ON_TRACK: _("L'échéance n'est pas passée et la progression suit le rythme attendu, à la tolérance près."),
    progress.AT_RISK: _("La progression a pris du retard sur le rythme attendu, sans en être encore loin."),
    progress.LATE: _("La progression est loin derrière le rythme attendu."),
    progress.REACHED: _("Une mesure postérieure à la signature a atteint la cible ; l'objectif le reste ensuite."),
    progress.MISSED: _("L'échéance est passée sans que la cible soit atteinte."),
    progress.NOT_REACHED: _(
        "La cible n'est pas atteinte, et aucun rythme ne peut être fixé : l'échéance n'est pas datée, ou le point "
        "de départ est inconnu."
    ),
}


def method(request):
    """How progress is read, with the tolerances and worked examples."""
    return render(
        request,
        "shiraka/method.html",
        {
            "on_track_points": numbers.percent(progress.ON_TRACK_TOLERANCE),
            "at_risk_points": numbers.percent(progress.AT_RISK_TOLERANCE),
            "about_percent": numbers.percent(progress.ABOUT_TOLERANCE),
            "statuses": [(value, label, MEANINGS[value]) for value, label in Objective.Progress.choices],
            "examples": worked_examples(),
        },
    )
