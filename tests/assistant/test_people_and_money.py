"""People introduced by what they lead, money converted in the text, present
passives, Arabic cues written with their clitics: variations written for the
rules, not taken from the annotated articles."""

from assistant.extraction.amounts import quantities


def test_a_foreign_amount_converted_in_several_words_keeps_its_dirhams():
    (quantity,) = quantities("un investissement de 2 Md€, soit près de 21 milliards de dirhams.", "fr")
    assert (quantity.currency, quantity.value, quantity.converted_mad) == ("EUR", 2e9, 21e9)
    (quantity,) = quantities("a plant worth $120 million (around MAD 1.2 billion).", "en")
    assert quantity.converted_mad == 1.2e9


def test_a_cost_in_a_present_passive_is_the_conventions_money(read):
    (convention,) = read(
        "La Région Fès-Meknès et l'Agence urbaine de Meknès ont signé une convention. Le projet, dont le coût est "
        "évalué à 230 MDH, sera livré en 2026."
    )
    assert [a["value_mad"] for a in convention["amounts"]] == [230e6]


def test_represented_by_gives_the_person_the_party(read):
    (convention,) = read(
        "Deux institutions sont signataires de la convention : la FNBTP, représentée par son président, Yassine "
        "Berrada, et le Crédit du Maroc, représenté par son directeur général, Omar Tazi. La convention a été "
        "signée entre la FNBTP et le Crédit du Maroc."
    )
    people = {p["person"]: p["organization"] for p in convention["representatives"]}
    assert people == {"Yassine Berrada": "FNBTP", "Omar Tazi": "Crédit du Maroc"}


def test_presided_by_gives_a_title(read):
    (convention,) = read(
        "Un protocole d'accord a été signé entre l'ANAPEC et l'AMIPE. L'AMIPE, qui fédère les industriels du "
        "plastique, est présidée par Salima Kadiri."
    )
    (person,) = convention["representatives"]
    assert (person["person"], person["title"], person["organization"]) == ("Salima Kadiri", "présidente", "AMIPE")


def test_a_hyphenated_title_and_a_firm_the_model_takes_for_a_person(read):
    (convention,) = read(
        "Le mémorandum a été signé par Rachid Alami, directeur général de l'ADD, et par Tom Weber, "
        "vice-président de Helios Grid."
    )
    people = {p["person"]: p["title"] for p in convention["representatives"]}
    assert people["Tom Weber"] == "vice-président de Helios Grid"


def test_people_of_a_party_speaking_after_the_last_convention(read):
    first, second = read(
        "Deux accords ont été signés hier. Le premier accord a été conclu entre l'ONDA et la RAM. Le second "
        "accord a été conclu entre l'ONDA et l'ANP.\nLe directeur général de l'ONDA, Karim Mouline, a salué ces "
        "accords.",
        published="2024-05-09",
    )
    assert [p["person"] for p in first["representatives"]] == ["Karim Mouline"]
    assert [p["person"] for p in second["representatives"]] == ["Karim Mouline"]


def test_the_agreement_as_subject_signs_nothing(read):
    (convention,) = read(
        "Deux conventions portant sur les zones industrielles de la province de Nador ont été signées jeudi.\n"
        "La première convention a été signée entre l'AMDL et la CGEM.\n"
        "La seconde convention a été signée entre l'AMDL et la FNBTP.",
        published="2024-05-09",
    )[:1]
    assert [s["acronym"] for s in convention["signatories"]] == ["AMDL", "CGEM"]


def test_arabic_cost_and_targets_with_joined_conjunctions(read):
    (convention,) = read(
        "تم أمس توقيع اتفاقية شراكة بين وزارة الصناعة والتجارة والجامعة الوطنية للصناعات الغذائية. وتبلغ الكلفة "
        "الإجمالية للمشروع 80 مليون درهم، ويهدف إلى مواكبة 200 مقاولة وإحداث 1500 منصب شغل.",
        published="2024-05-09",
        language="ar",
    )
    assert [a["value_mad"] for a in convention["amounts"]] == [80e6]
    assert sorted(o["target_value"] for o in convention["objectives"]) == [200, 1500]


def test_an_arabic_aside_after_a_title_is_no_person(read):
    (convention,) = read(
        "تم توقيع اتفاقية شراكة بين وزارة الصناعة والتجارة وجمعية المصدرين بالرباط. وأوضح الوزير، في كلمة "
        "بالمناسبة، أن الاتفاقية مهمة.",
        language="ar",
    )
    assert convention["representatives"] == []
    assert convention["place"] == "الرباط"
