"""Targets, the convention's money and figures of context told apart."""


def values(items, key):
    return sorted(item[key] for item in items)


def test_context_figures_are_not_objectives(read):
    (convention,) = read(
        "Une convention a été signée entre l'ASMEX et le ministère de l'Industrie et du Commerce. Le secteur "
        "agroalimentaire a enregistré, en 2023, des exportations de 45 milliards de dirhams. La convention vise "
        "à atteindre 60 milliards de dirhams d'exportations d'ici 2030 et la création de 20 000 emplois."
    )
    assert values(convention["objectives"], "target_value") == [20_000, 60e9]
    assert convention["amounts"] == []
    assert [f["value"] for f in convention["context_figures"]] == [45e9]


def test_the_money_of_the_convention_is_an_amount(read):
    (convention,) = read(
        "Un protocole d'accord a été signé entre la Région Casablanca-Settat et l'Agence Marocaine de "
        "Développement de la Logistique (AMDL). Le budget global du programme s'élève à 350 MDH, dont une "
        "contribution de 2,5 millions d'euros de l'Union européenne."
    )
    assert [(a["value_mad"], a["currency"]) for a in convention["amounts"]] == [(350e6, "MAD"), (None, "EUR")]


def test_a_share_of_a_target_is_no_target(read):
    (convention,) = read(
        "Un partenariat a été signé entre l'AMCA et le ministère de l'Industrie. Les projets retenus représentent "
        "12 milliards de DH, soit 40% de l'objectif fixé à 30 milliards DH."
    )
    assert values(convention["objectives"], "target_value") == [30e9]


def test_a_future_verb_makes_a_target(read):
    (convention,) = read(
        "Une convention a été signée entre le Groupe Renault Maroc et l'OFPPT. Le centre formera 1 500 techniciens "
        "par an."
    )
    assert values(convention["objectives"], "target_value") == [1500]
