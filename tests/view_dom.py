"""Read marked-up HTML back: every element with data-begin, with its attributes and text content."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    parts: list[str] = field(default_factory=list)
    children: list["Element"] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(self.parts)

    @property
    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[Element] = [Element("#root", {})]
        self.all: list[Element] = []

    def handle_starttag(self, tag, attrs):
        element = Element(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(element)
        self.all.append(element)
        if tag not in VOID:
            self.stack.append(element)

    def handle_startendtag(self, tag, attrs):
        element = Element(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(element)
        self.all.append(element)

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                del self.stack[i:]
                break

    def handle_data(self, data):
        for element in self.stack:
            element.parts.append(data)


def parse(html: str) -> tuple[Element, list[Element]]:
    """The document's root and all its elements in document order."""
    collector = _Collector()
    collector.feed(html)
    collector.close()
    return collector.stack[0], collector.all


def marked(html: str) -> list[Element]:
    return [e for e in parse(html)[1] if "data-begin" in e.attrs]


def within(root: Element, **attrs: str) -> Element | None:
    """The first element below ``root`` whose attributes include ``attrs`` (tag= for the tag)."""
    for child in root.children:
        if all((child.tag if k == "tag" else child.attrs.get(k.replace("_", "-"))) == v for k, v in attrs.items()):
            return child
        found = within(child, **attrs)
        if found:
            return found
    return None


def descendants(root: Element) -> list[Element]:
    out = []
    for child in root.children:
        out.append(child)
        out.extend(descendants(child))
    return out
