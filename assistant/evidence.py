"""Where a proposal came from, shown beside it: its sentence with the words
themselves marked, built from the evidence's offsets into the article as
pasted. The article is untrusted text: every piece is escaped, only the
<mark> is ours."""

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe


def _bounded(value, low: int, high: int) -> int:
    try:
        return min(max(int(value), low), high)
    except (TypeError, ValueError):
        return low


def highlight(text: str, evidence: dict | None, span=None, needle: str | None = None) -> SafeString:
    """The evidence's sentence of `text`, with `span` ([start, end] in the
    text) or else the first occurrence of `needle` in the sentence marked.
    Offsets come back from the browser in a signed review, but are bounded
    here anyway: a bad one shows less, never more than the article."""
    if not evidence:
        return mark_safe("")
    start = _bounded(evidence.get("start"), 0, len(text))
    end = _bounded(evidence.get("end"), start, len(text))
    sentence = text[start:end]
    if span and len(span) == 2:
        low = _bounded(span[0], start, end) - start
        high = _bounded(span[1], start + low, end) - start
    elif needle:
        low = sentence.lower().find(needle.lower())
        high = low + len(needle) if low >= 0 else -1
    else:
        low = high = -1
    if low < 0 or high <= low:
        return mark_safe(escape(sentence))
    return mark_safe(f"{escape(sentence[:low])}<mark>{escape(sentence[low:high])}</mark>{escape(sentence[high:])}")


def slim(evidence: dict | None) -> dict | None:
    """The offsets only: the sentence is read again from the article, so the
    review's signed payload does not carry each sentence many times."""
    if not evidence:
        return None
    return {"start": evidence.get("start", 0), "end": evidence.get("end", 0)}
