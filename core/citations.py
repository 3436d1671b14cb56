"""Numbered notes for a page that cites its facts.

Each source or document a page cites gets one number, in the order the page
first cites it; the items then show "[1]" pointing to `#source-1` in the list
at the bottom, instead of the source's title repeated under every item. The
clause and page an item cites stay beside its number, since they differ from
one item to the next while the source does not.

Duck-typed on the cited items (a `source` and a `document` with their `_id`,
`clause`, `page`), so the ground floor needs no app. It reads only what the
caller fetched: items with `select_related("source", "document__convention")`.
"""

from django.utils.translation import gettext, pgettext


class SourceNotes:
    def __init__(self):
        self.entries: list[dict] = []
        self._by_key: dict[tuple[str, int], dict] = {}

    def __bool__(self):
        return bool(self.entries)

    def _entry(self, kind: str, obj) -> dict:
        key = (kind, obj.pk)
        entry = self._by_key.get(key)
        if entry is None:
            number = len(self.entries) + 1
            entry = {"number": number, "anchor": f"source-{number}", "kind": kind, kind: obj}
            self.entries.append(entry)
            self._by_key[key] = entry
        return entry

    def add_source(self, source) -> dict:
        return self._entry("source", source)

    def add_document(self, document) -> dict:
        return self._entry("document", document)

    def cite(self, item) -> dict | None:
        """The note of a commitment, objective, measurement or action:
        {"number", "anchor", "detail", "url"} (`detail` is the clause and page,
        `url` the document opened at that page), or None when it cites
        nothing. A document is cited only when its convention is published:
        a draft's document is neither numbered nor linked."""
        separator = pgettext("séparateur de liste", ", ")
        page = gettext("p. %(page)s") % {"page": item.page} if item.page else ""
        detail = separator.join(part for part in (item.clause, page) if part)
        document = item.document if item.document_id else None
        if document is not None and document.convention.is_published:
            entry = self.add_document(document)
            return {**entry, "detail": detail, "url": document.page_url(item.page) if detail else ""}
        if item.source_id:
            return {**self.add_source(item.source), "detail": detail, "url": ""}
        if detail:
            return {"number": None, "anchor": "", "detail": detail, "url": ""}
        return None
