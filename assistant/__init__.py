"""The article assistant: a press article read into draft conventions
(parties matched to the register's actors, the people who signed, dates,
amounts, objectives, actions, plans). It proposes; nothing is saved here."""
