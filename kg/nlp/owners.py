"""Which entity owns each token of a Doc: one index of an entity list's mentions, for every stage.

Roles, coreference, statements and meetings all ask "which entity does token i name, and with which
mention?". A token belongs to the first entity (in list order, then mention order) with a name or
nominal mention covering any of its characters; pronoun mentions own no token, since a pronoun is
what coreference resolves, not a name. The pipeline builds one index after the entities are found
and hands it to the later stages; a stage called alone builds its own.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc

from kg.model import PRONOUN, Entity, Span


class Owners:
    """The mentions of ``entities`` in ``doc``, by token and in text order. Read-only."""

    def __init__(self, doc: Doc, entities: list[Entity]):
        self.doc = doc
        self.entities = entities
        self.by_key: dict[str, Entity] = {e.key: e for e in entities}
        # every mention, pronouns too, sorted by span (then entity key, for spans two entities share)
        self.mentions: list[tuple[Span, Entity]] = sorted(
            ((m.span, e) for e in entities for m in e.mentions), key=lambda pair: (pair[0], pair[1].key))
        self._at: dict[int, tuple[Entity, Span]] = {}
        for e in entities:
            for m in e.mentions:
                if m.kind == PRONOUN:
                    continue
                for t in doc.char_span(m.span.begin, m.span.end, alignment_mode="expand") or ():
                    self._at.setdefault(t.i, (e, m.span))

    def entity(self, i: int) -> Entity | None:
        """The entity that token ``i`` names, if any."""
        found = self._at.get(i)
        return found[0] if found is not None else None

    def named(self, i: int) -> tuple[Entity, Span] | None:
        """The entity that token ``i`` names and the span of the mention naming it."""
        return self._at.get(i)

    def owned(self) -> Iterator[tuple[int, Entity]]:
        """(token index, entity) for every token that names one."""
        return ((i, found[0]) for i, found in self._at.items())

    def type_of(self, key: str | None) -> str | None:
        """The type of the entity with ``key`` (None when no entity has it)."""
        e = self.by_key.get(key) if key is not None else None
        return e.type if e is not None else None


def owners_of(doc: Doc, entities: list[Entity], owners: Owners | None = None) -> Owners:
    """``owners`` when the caller built one (it must index these entities in this Doc), else a new one."""
    if owners is None:
        return Owners(doc, entities)
    if owners.doc is not doc or owners.entities is not entities:
        raise ValueError("the token index was built for another Doc or entity list")
    return owners
