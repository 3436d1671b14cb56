import threading

from assistant.extraction import language, pipeline


def test_languages_are_told_apart():
    assert language.detect("La convention a été signée entre les deux parties pour le secteur.") == "fr"
    assert language.detect("The agreement was signed between the ministry and the bank on Monday.") == "en"
    assert language.detect("تم توقيع اتفاقية شراكة بين وزارة الصناعة والتجارة") == "ar"


def test_the_model_is_loaded_once_per_process(read):
    read("Une convention a été signée entre la CGEM et l'OFPPT.")
    loads = pipeline.loads
    threads = [threading.Thread(target=pipeline.get, args=("fr",)) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    read("Un accord a été signé entre l'AMDIE et la BEI.")
    assert pipeline.loads == loads


def test_an_english_article(read):
    (convention,) = read(
        "RABAT - The Moroccan Investment and Export Development Agency (AMDIE) signed on Monday a partnership "
        "agreement with the European Bank for Reconstruction and Development (EBRD). The programme is worth "
        "$50 million.",
        published="2024-04-10",
    )
    assert {s["acronym"] for s in convention["signatories"]} == {"AMDIE", "EBRD"}
    assert convention["date_signed"]["value"] == "2024-04-08"
    assert convention["amounts"][0]["original_value"] == 50e6


def test_an_arabic_article(read):
    (convention,) = read(
        "تم أمس توقيع اتفاقية شراكة بين وزارة الصناعة والتجارة والجمعية المغربية لصناعة وتركيب السيارات، "
        "بغلاف مالي قدره 200 مليون درهم. وقال رئيس الجمعية، السيد حكيم عبد المومن، إن الاتفاقية مهمة.",
        published="2024-06-13",
    )
    assert [s["name"] for s in convention["signatories"]] == [
        "وزارة الصناعة والتجارة",
        "الجمعية المغربية لصناعة وتركيب السيارات",
    ]
    assert convention["date_signed"]["value"] == "2024-06-12"
    assert convention["amounts"][0]["value_mad"] == 200e6
    assert [p["person"] for p in convention["representatives"]] == ["حكيم عبد المومن"]
