from django.utils.text import slugify


def unique_slug(instance, text: str, *, fallback: str, max_length: int, field: str = "slug", **scope) -> str:
    """A readable slug from `text`, unique among `instance`'s model (within
    `scope`, e.g. plan=…): 'convention-cam-amica', then '…-2', '…-3'. Text
    with nothing to keep (symbols, or a script slugify drops) falls back."""
    base = slugify(text)[:max_length].strip("-") or fallback
    model = type(instance)
    taken = model._default_manager.filter(**scope).exclude(pk=instance.pk)
    candidate, number = base, 1
    while taken.filter(**{field: candidate}).exists():
        number += 1
        suffix = f"-{number}"
        candidate = base[: max_length - len(suffix)] + suffix
    return candidate
