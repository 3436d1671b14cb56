import pytest

from assistant.extraction import dates


def people(convention):
    return [(p["person"], p["title"]) for p in convention["representatives"]]


def test_a_title_before_the_name(read):
    (convention,) = read(
        "Un accord a été signé entre l'OFPPT et la Fédération nationale du tourisme (FNT). Le président de la FNT, "
        "Hamid Bentahar, a salué cette initiative."
    )
    assert people(convention) == [("Hamid Bentahar", "président de la FNT")]


def test_a_title_after_the_name_and_a_civility(read):
    (convention,) = read(
        "La convention a été signée entre l'Agence de Développement du Digital (ADD) et la Région Souss-Massa. "
        "« C'est une étape », a déclaré M. Sami Kacem, directeur général de l'ADD."
    )
    assert people(convention) == [("Sami Kacem", "directeur général de l'ADD")]


def test_a_person_of_no_party_is_not_a_representative(read):
    (convention,) = read(
        "Une convention a été signée entre la CGEM et l'OFPPT. L'économiste Karim Tazi, professeur à l'ISCAE, "
        "doute de son effet."
    )
    assert people(convention) == []


@pytest.mark.parametrize(
    "written, published, value, precision",
    [
        ("Hier, mercredi, la convention a été signée", "2025-03-13", "2025-03-12", "day"),
        ("signée ce lundi à Agadir", "2024-05-22", "2024-05-20", "day"),
        ("signée lundi dernier", "2024-05-20", "2024-05-13", "day"),
        ("signée le 12 courant", "2024-05-20", "2024-05-12", "day"),
        ("signée le 3 décembre", "2025-01-10", "2024-12-03", "day"),
        ("signée jeudi", "2019-02", "2019-02", "month"),
        ("signée le 12 mars 2024", None, "2024-03-12", "day"),
        ("signée en juillet 2022", None, "2022-07", "month"),
        ("signés en 2016", "2019-02", "2016", "year"),
        ("signed on March 12, 2024", None, "2024-03-12", "day"),
    ],
)
def test_dates_against_the_publication_date(written, published, value, precision):
    (found, *_) = dates.find(written, 0, len(written), published)
    assert (found.value, found.precision) == (value, precision)


def test_a_relative_date_without_a_publication_date_gives_no_day(read):
    (convention,) = read("Hier, une convention a été signée entre la CGEM et l'OFPPT.")
    assert convention["date_signed"]["precision"] in ("unknown", "year")
    assert convention["date_signed"]["precision"] != "day"


def test_the_date_header_is_the_publication_date(read):
    (convention,) = read("date 2023-06-15 Hier, une convention a été signée entre la CGEM et l'OFPPT.")
    assert convention["date_signed"]["value"] == "2023-06-14"
