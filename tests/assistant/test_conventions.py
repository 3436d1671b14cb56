"""Several conventions in one article, kinds, places, occasions and dates."""


def test_two_conventions_in_one_article_give_two_drafts(read):
    found = read(
        "Deux accords ont été signés hier à Rabat en marge du Forum de l'investissement. Le premier accord a été "
        "signé entre l'AMDIE et la Banque Européenne d'Investissement (BEI). Un second accord a été conclu entre "
        "l'AMDIE et la Société Financière Internationale (SFI) pour soutenir les PME.",
        published="2024-10-17",
    )
    assert [[s["acronym"] for s in c["signatories"]] for c in found] == [["AMDIE", "BEI"], ["AMDIE", "SFI"]]
    assert {c["date_signed"]["value"] for c in found} == {"2024-10-16"}
    assert {c["place"] for c in found} == {"Rabat"}
    assert all("Forum de l'investissement" in c["event"] for c in found)


def test_a_second_mention_of_the_same_parties_is_the_same_convention(read):
    found = read(
        "Une convention a été signée entre le groupe OCP et l'Université Mohammed VI Polytechnique (UM6P). "
        "L'OCP et l'UM6P ont convenu de lancer un programme de recherche dans le cadre de cette convention."
    )
    assert len(found) == 1


def test_contracts_of_performance_are_programme_contracts(read):
    (convention,) = read("Les contrats de performance ont été signés en 2018 entre l'État et la Fédération du BTP.")
    assert convention["kind"] == "contrat-programme"
    assert convention["date_signed"] == {
        "value": "2018",
        "precision": "year",
        "as_written": "en 2018",
        "evidence": convention["date_signed"]["evidence"],
    }


def test_every_item_carries_the_sentence_it_came_from(read):
    text = "Jeudi, une convention a été signée entre la Région de l'Oriental et l'Agence de l'Oriental (ADO)."
    (convention,) = read(text, published="2023-05-12")
    for party in convention["signatories"]:
        evidence = party["evidence"]
        assert text[evidence["start"] : evidence["end"]] == evidence["sentence"]
    assert convention["date_signed"]["value"] == "2023-05-11"


def test_html_pasted_with_its_tags_reads_like_the_text(read):
    (convention,) = read(
        "<p>Une convention a &eacute;t&eacute; sign&eacute;e entre <b>le groupe Akdital</b> et "
        "l&#39;Universit&eacute; Mohammed V (UM5).</p>"
    )
    assert [s["acronym"] for s in convention["signatories"]] == [None, "UM5"]
