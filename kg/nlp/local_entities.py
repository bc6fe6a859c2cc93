"""Article-local entities: parties the text describes without naming ("the delegates", "a senior
aide"), one entity per wording in an article, never shared with another article."""

from __future__ import annotations

from collections.abc import Callable

from kg.model import NOMINAL, Entity, Mention, Span


class LocalEntities:
    """The article-local entities of one article, found or made by their wording."""

    def __init__(self, entities: list[Entity], by_name: dict[str, Entity] | None = None):
        self.used = {e.key for e in entities}  # keys are unique within the article
        self.by_name: dict[str, Entity] = dict(by_name or {})
        self.new: list[Entity] = []

    def mention(self, name: str, span: Span, key_stem: str, etype: Callable[[], str] | str) -> Entity:
        """The entity worded ``name`` (made now, keyed from ``key_stem``, when there is none), with
        ``span`` among its nominal mentions."""
        entity = self.by_name.get(name.lower())
        if entity is None:
            key = key_stem
            while key in self.used:
                key += "'"
            self.used.add(key)
            entity = Entity(key, etype() if callable(etype) else etype, name, local=True)
            self.by_name[name.lower()] = entity
            self.new.append(entity)
        if not any(m.span == span for m in entity.mentions):
            entity.mentions.append(Mention(span, NOMINAL))
        return entity
