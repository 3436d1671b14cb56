"""Signing sentences and their parties, on articles the seeds do not hold."""

from core.text import normalize


def names(convention):
    return [(normalize(s["name"]), s["acronym"]) for s in convention["signatories"]]


def test_signed_between_three_parties_with_an_acronym_in_parentheses(read):
    (convention,) = read(
        "Une convention-cadre a été signée lundi à Casablanca entre le ministère de la Transition énergétique, "
        "l'Office National de l'Électricité et de l'Eau potable (ONEE) et la Fédération nationale de l'électricité "
        "(FENELEC), pour développer les compétences du secteur."
    )
    assert names(convention) == [
        ("ministere de la transition energetique", None),
        ("office national de l electricite et de l eau potable", "ONEE"),
        ("federation nationale de l electricite", "FENELEC"),
    ]


def test_a_list_keeps_the_commas_inside_a_ministry_name(read):
    (convention,) = read(
        "Le protocole d'accord liant le ministère de l'Agriculture, de la Pêche maritime, du Développement rural et "
        "des Eaux et Forêts et le Crédit Agricole du Maroc vise à financer les jeunes agriculteurs."
    )
    assert [s["name"] for s in convention["signatories"]] == [
        "Ministère de l'Agriculture, de la Pêche maritime, du Développement rural et des Eaux et Forêts",
        "Crédit Agricole du Maroc",
    ]
    assert convention["kind"] == "protocole d'accord"


def test_the_subject_of_the_signing_verb_signs(read):
    (convention,) = read(
        "La CGEM et l'Agence marocaine de développement des investissements (AMDIE) ont signé un accord."
    )
    assert [s["acronym"] for s in convention["signatories"]] == ["CGEM", "AMDIE"]


def test_people_signing_for_their_organisations_make_them_parties(read):
    (convention,) = read(
        "Le mémorandum d'entente a été paraphé par Nadia Fettah, ministre de l'Économie et des Finances, et "
        "Abdellatif Zaghnoun, directeur général de la Caisse de Dépôt et de Gestion (CDG)."
    )
    assert convention["kind"] == "protocole d'accord"
    assert [s["acronym"] or s["name"] for s in convention["signatories"]] == [
        "Ministère de l'Économie et des Finances",
        "CDG",
    ]
    assert [p["person"] for p in convention["representatives"]] == ["Nadia Fettah", "Abdellatif Zaghnoun"]


def test_an_acronym_alone_gets_the_name_the_article_gives_it(read):
    (convention,) = read(
        "L'Agence Nationale des Ports (ANP) modernise ses terminaux. Un accord de partenariat a été signé entre "
        "l'ANP et le groupe Marsa Maroc."
    )
    assert names(convention) == [("agence nationale des ports", "ANP"), ("marsa maroc", None)]


def test_co_organising_an_event_is_no_convention(read):
    assert read("Le salon est organisé par l'AMITH en partenariat avec la Région de Fès-Meknès.") == []


def test_a_text_about_no_convention_gives_none(read):
    assert read("Les exportations de textile ont progressé de 12 % en 2023, selon l'Office des changes.") == []


def test_an_unsigned_partnership_with_a_named_partner_gets_the_article_subject(read):
    (convention,) = read(
        "La Fédération des Chambres de Commerce (FCCIS) veut former les artisans. Un partenariat est en cours de "
        "préparation avec l'Office de la Formation Professionnelle et de la Promotion du Travail (OFPPT). "
        "La FCCIS réunira ses membres en juin."
    )
    assert {s["acronym"] for s in convention["signatories"]} == {"FCCIS", "OFPPT"}
    assert convention["date_signed"]["precision"] == "unknown"
