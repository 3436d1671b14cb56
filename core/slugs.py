import itertools
from collections.abc import Iterator

from django.utils.text import slugify


def slug_candidates(text: str, *, fallback: str, max_length: int) -> Iterator[str]:
    """The slugs `text` may take, in order of preference: 'convention-cam-amica',
    then '…-2', '…-3'… Text with nothing to keep (symbols, or a script
    slugify drops) starts from `fallback`. The caller takes the first free
    one: `unique_slug` asks the database, an import or the synthetic
    generator its own set of the slugs already taken."""
    base = slugify(text)[:max_length].strip("-") or fallback
    yield base
    for number in itertools.count(2):
        suffix = f"-{number}"
        yield base[: max_length - len(suffix)] + suffix


def unique_slug(instance, text: str, *, fallback: str, max_length: int, field: str = "slug", **scope) -> str:
    """A readable slug from `text`, unique among `instance`'s model (within
    `scope`, e.g. plan=…): the first of `slug_candidates` not taken."""
    taken = type(instance)._default_manager.filter(**scope).exclude(pk=instance.pk)
    return next(
        candidate
        for candidate in slug_candidates(text, fallback=fallback, max_length=max_length)
        if not taken.filter(**{field: candidate}).exists()
    )
