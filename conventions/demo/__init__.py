"""The demo register: the facts of the five seed articles, as data (`data`),
with the article texts (`articles/`) and the code that loads them (`loader`)."""
