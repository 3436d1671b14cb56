import pytest

from assistant.extraction import extract
from assistant.extraction.register import Register


@pytest.fixture
def read():
    """The engine on a text, against an empty register (no database needed)."""

    def read(text, **kwargs):
        kwargs.setdefault("register", Register())
        return extract(text, **kwargs)

    return read
