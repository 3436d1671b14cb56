"""Names of organisations and lists of parties in shapes the seeds do not have:
coordinated adjectives, « pour » in a name vouched by its acronym, regions'
bodies, hyphenated regions, companies introduced by what they do, headlines,
an agreement named again in other words."""


def parties(convention):
    return [s["acronym"] or s["name"] for s in convention["signatories"]]


def test_coordinated_adjectives_stay_in_the_name(read):
    (convention,) = read(
        "La Fédération des industries chimiques et parachimiques (FCP) et la Banque Populaire ont signé hier "
        "une convention de partenariat."
    )
    assert convention["signatories"][0]["name"] == "Fédération des industries chimiques et parachimiques"


def test_an_acronym_vouches_for_a_name_with_pour(read):
    (convention,) = read(
        "Un accord a été conclu entre l'Association marocaine pour le commerce équitable (AMCE) et la "
        "Chambre de commerce de Fès."
    )
    assert convention["signatories"][0]["name"] == "Association marocaine pour le commerce équitable"
    assert convention["signatories"][0]["acronym"] == "AMCE"


def test_pour_without_an_acronym_ends_the_name(read):
    (convention,) = read(
        "Une convention a été signée entre la Banque Populaire et l'Agence Nationale pour le compte des PME."
    )
    assert "Banque Populaire" in parties(convention)
    assert "Agence Nationale" in parties(convention)


def test_the_council_of_a_region_is_one_organisation(read):
    (convention,) = read(
        "Une convention a été signée entre le Conseil de la région de Souss-Massa et le Centre régional "
        "d'investissement de Souss-Massa pour une zone industrielle à Agadir."
    )
    assert parties(convention) == [
        "Conseil de la région de Souss-Massa",
        "Centre régional d'investissement de Souss-Massa",
    ]


def test_a_lowercase_head_closing_a_name_is_a_complement(read):
    (convention,) = read(
        "Le ministère de l'Économie et de la Modernisation de l'administration, l'Agence nationale des ports (ANP) "
        "et la CGEM ont signé une convention."
    )
    assert parties(convention) == ["Ministère de l'Économie et de la Modernisation de l'administration", "ANP", "CGEM"]


def test_a_company_introduced_by_what_it_does(read):
    (convention,) = read(
        "L'ONEE a procédé à la signature d'un protocole d'accord avec le constructeur danois d'éoliennes "
        "Nordvind Power pour un parc à Tarfaya."
    )
    assert parties(convention) == ["ONEE", "Nordvind Power"]


def test_a_single_name_in_a_list_of_parties(read):
    (convention,) = read("Un accord a été signé entre la CDG, Ajarinvest et Tamwilcom pour financer les startups.")
    assert parties(convention) == ["CDG", "Ajarinvest", "Tamwilcom"]


def test_a_dateline_city_is_no_party(read):
    (convention,) = read(
        "Fès – Un protocole d'accord a été signé mercredi pour les zones d'activités.\n"
        "Le protocole lie la Région de Fès-Meknès et l'Agence urbaine de Fès (AUF).",
        published="2024-05-09",
    )
    assert "Fès" not in parties(convention)
    assert convention["date_signed"]["value"] == "2024-05-08"


def test_a_headline_gives_way_to_the_body(read):
    (convention,) = read(
        "Lydec et Sanofi Maroc signent un accord vert\n"
        "La Lyonnaise des Eaux de Casablanca (Lydec) et le laboratoire Sanofi Maroc ont signé hier une convention "
        "de partenariat pour réduire la consommation d'eau du site de Bouskoura.",
        published="2024-05-09",
    )
    assert parties(convention) == ["Lyonnaise des Eaux de Casablanca", "Sanofi Maroc"]


def test_the_convention_named_again_with_its_signers_is_the_same(read):
    (convention,) = read(
        "Une convention a été signée lundi entre le Conseil de la région de l'Oriental et l'Agence de "
        "l'Oriental (ADO) pour un technoparc.\n"
        "La convention a été paraphée par le président du Conseil régional, Ali Benyahia, et le directeur de "
        "l'ADO, Nabil Saadi.",
        published="2024-05-09",
    )
    assert parties(convention) == ["Conseil de la région de l'Oriental", "ADO"]
    assert [p["person"] for p in convention["representatives"]] == ["Ali Benyahia", "Nabil Saadi"]


def test_associer_lists_the_parties(read):
    (convention,) = read("La convention associe l'OFPPT, la FIMME et le Groupe Renault Maroc.")
    assert parties(convention) == ["OFPPT", "FIMME", "Renault Maroc"]


def test_parties_announced_after_a_colon_and_cut_at_semicolons(read):
    (convention,) = read(
        "Le protocole a trois signataires : l'OFPPT, représenté par son directeur, Amine Tahiri ; Holmarcom, "
        "représenté par son président, Kamal Bennis ; et la Fondation OCP."
    )
    assert parties(convention) == ["OFPPT", "Holmarcom", "Fondation OCP"]
