import json

import pytest
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db

ARTICLE = (
    "Une convention de partenariat a été signée hier à Rabat entre le ministère de l'Industrie et du Commerce et "
    "la Fédération des Industries du Cuir (FEDIC). Elle prévoit un budget de 80 MDH."
)


@pytest.fixture
def article(tmp_path):
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def run(*args):
    from io import StringIO

    out = StringIO()
    call_command("extract_convention", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_the_json_has_the_shape_of_the_schema(article):
    (convention,) = json.loads(run("--text-file", str(article), "--published", "2024-02-08", "--json"))["conventions"]
    assert {"title", "kind", "date_signed", "place", "event", "signatories", "representatives", "amounts",
            "objectives", "follow_up_actions", "linked_plans", "sectors", "regions"} <= set(convention)  # fmt: skip
    assert convention["date_signed"]["value"] == "2024-02-07"
    assert [s["acronym"] for s in convention["signatories"]] == [None, "FEDIC"]
    assert convention["amounts"][0]["value_mad"] == 80e6


def test_without_json_a_summary_for_a_reader(article):
    assert "FEDIC" in run("--text-file", str(article))


@pytest.mark.parametrize(
    "args, message",
    [
        (["--text-file", "/nonexistent/article.txt"], "Impossible de lire"),
        (["--published", "2024-13-01"], "n'est pas une date"),
    ],
)
def test_bad_input_is_a_clear_error(article, args, message):
    if "--text-file" not in args:
        args = ["--text-file", str(article), *args]
    with pytest.raises(CommandError, match=message):
        run(*args)


def test_an_empty_text_is_a_clear_error(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_text("  \n", encoding="utf-8")
    with pytest.raises(CommandError, match="vide"):
        run("--text-file", str(path))


def test_too_long_a_text_is_a_clear_error(tmp_path):
    path = tmp_path / "long.txt"
    path.write_text("convention " * 100_000, encoding="utf-8")
    with pytest.raises(CommandError, match="au plus"):
        run("--text-file", str(path))
