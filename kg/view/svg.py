"""Who met whom, as an SVG drawn by our own code: actors on a circle, a line for each pair that met.

The layout is deterministic (actors ordered by how many meetings they had, then by name, placed
clockwise from the top), so the same store always draws the same picture. Past ``limit`` actors the
picture keeps the busiest ones and says how many it left out: a circle of thousands is unreadable.
"""

from __future__ import annotations

import html
import math
from collections import defaultdict
from collections.abc import Callable, Sequence

from kg.view.model import Encounter, Ref

LIMIT = 40
RADIUS = 210.0
LABEL_GAP = 10.0
SIZE = 760.0  # the square the circle and its labels fit in


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def who_met_whom(encounters: Sequence[Encounter], href: Callable[[Ref], str | None], limit: int = LIMIT,
                 standalone: bool = False) -> str:
    """The picture as SVG markup ('' when nobody met anybody); ``href`` gives each actor's link."""
    if not encounters:
        return ""
    weight: dict[str, int] = defaultdict(int)  # meetings summed over partners: how busy an actor is
    partners: dict[str, int] = defaultdict(int)
    refs: dict[str, Ref] = {}
    for x in encounters:
        for ref in (x.a, x.b):
            weight[ref.iri] += x.meetings
            partners[ref.iri] += 1
            refs[ref.iri] = ref
    ordered = sorted(refs, key=lambda i: (-weight[i], refs[i].label, i))
    shown = ordered[:limit]
    place = {iri: i for i, iri in enumerate(shown)}
    centre = SIZE / 2

    def point(i: int, r: float) -> tuple[float, float]:
        angle = -math.pi / 2 + 2 * math.pi * i / len(shown)
        return round(centre + r * math.cos(angle), 1), round(centre + r * math.sin(angle), 1)

    lines = []
    for x in sorted(encounters, key=lambda x: (x.a.iri, x.b.iri)):
        if x.a.iri in place and x.b.iri in place:
            (x1, y1), (x2, y2) = point(place[x.a.iri], RADIUS), point(place[x.b.iri], RADIUS)
            width = round(1 + math.log2(x.meetings), 2)
            lines.append(f'<line x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}" stroke-width="{width}">'
                         f'<title>{_e(x.a.label)} – {_e(x.b.label)}: {x.meetings} meeting(s)</title></line>')
    nodes = []
    for i, iri in enumerate(shown):
        ref = refs[iri]
        cx, cy = point(i, RADIUS)
        lx, ly = point(i, RADIUS + LABEL_GAP)
        cos = lx - centre
        anchor = "middle" if abs(cos) < 1 else ("start" if cos > 0 else "end")
        r = round(4 + math.sqrt(weight[iri]), 1)
        shape = (f'<circle class="{_e(ref.kind)}" cx="{cx}" cy="{cy}" r="{r}"><title>{_e(ref.label)}: '
                 f'met {partners[iri]} of the others</title></circle>'
                 f'<text x="{lx}" y="{round(ly + 4, 1)}" text-anchor="{anchor}">{_e(ref.label)}</text>')
        target = href(ref)
        nodes.append(f'<a href="{_e(target)}" data-iri="{_e(iri)}">{shape}</a>' if target else shape)
    note = ""
    if len(ordered) > len(shown):
        note = f'<text x="8" y="{SIZE - 8}">the {len(shown)} busiest of {len(ordered)} actors</text>'
    style = ("<style>line{stroke:#9aa4b5}circle{fill:#1f6fd1;stroke:#fff}circle.Organisation{fill:#c0571b}"
             "text{font:11px sans-serif;fill:#1d2330}</style>" if standalone else "")
    xmlns = ' xmlns="http://www.w3.org/2000/svg"' if standalone else ""
    return (f'<svg{xmlns} class="who-met-whom" viewBox="0 0 {SIZE:g} {SIZE:g}" role="img" '
            f'aria-label="Who met whom">{style}<g>{"".join(lines)}</g><g>{"".join(nodes)}</g>{note}</svg>')
