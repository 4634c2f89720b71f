"""The filter object: one value with two faces, a SQL clause and a human sentence.

``Filter`` is what the sidebar, the URL, the CLI report flags and the report
caption all share. Semantics (so that narrowing never adds rows):

- fields combine with AND; values inside one field are alternatives (OR): an
  event of org A *or* org B, of kind X *or* Y;
- an empty field is no constraint;
- years: the event's span [date_start_day, date_end_day] overlaps
  [year_from-01-01, year_to-12-31];
- people: the events a person took part in (``event_people``: named in the event's
  sentence or in the paragraph that says who attended) and the articles that
  mention the person;
- ``q`` is split into words; *every* word must occur (diacritics and case
  ignored) in the event title, its evidence sentence or the article title.

So a filter is narrower when it adds a field, drops alternatives from a
non-empty field, tightens the years or adds a word to ``q`` (``narrows``).

URL parameters are untrusted: ``from_params`` never raises, drops bad years and
unknown kinds, truncates long values and caps the number of values. ``where``
only ever emits placeholders; values travel as parameters.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from dashboard import i18n
from dashboard.model import EVENT_KINDS
from dashboard.text import fold
from dashboard.query.textmatch import (event_matches, event_params, fold_pattern, fold_sql,  # noqa: F401 - re-exported
                                       title_matches, title_params)

MAX_VALUE_LEN = 200  # longer URL values are truncated, not rejected
MAX_VALUES = 50  # per repeated parameter
MAX_TERMS = 10  # words of q used for matching
YEAR_MIN, YEAR_MAX = 1900, 2100
_YEAR = re.compile(r"^\s*([0-9]{4})\s*$")  # ASCII digits only: int() would accept "２０２３"
_SPACE = re.compile(r"\s+")


def _clean(value: object) -> str:
    text = unicodedata.normalize("NFC", str(value))[: MAX_VALUE_LEN * 2]
    return _SPACE.sub(" ", text).strip()[:MAX_VALUE_LEN].strip()


def _values(params: Mapping, key: str) -> list[str]:
    """All values of ``key``: st.query_params needs get_all(), a dict may hold a list."""
    try:
        if hasattr(params, "get_all"):
            raw = params.get_all(key)
        else:
            raw = params.get(key, [])
        if raw is None:
            return []
        if isinstance(raw, (str, bytes, int)):
            raw = [raw]
        out: list[str] = []
        for v in list(raw)[: MAX_VALUES * 4]:
            v = _clean(v.decode("utf-8", "replace") if isinstance(v, bytes) else v)
            if v and v not in out:
                out.append(v)
        return out[:MAX_VALUES]
    except Exception:  # untrusted input: a broken mapping means "no value"
        return []


def _year(values: list[str]) -> int | None:
    for v in values[:1]:
        m = _YEAR.match(v)
        if m and YEAR_MIN <= int(m.group(1)) <= YEAR_MAX:
            return int(m.group(1))
    return None


@dataclass(frozen=True)
class Filter:
    """What the user wants to see. All fields optional; ``Filter()`` shows everything."""

    orgs: tuple[str, ...] = ()  # canonical Vietnamese organisation names
    year_from: int | None = None
    year_to: int | None = None
    kinds: tuple[str, ...] = ()  # model.EVENT_KINDS codes
    docs: tuple[str, ...] = ()  # documents.document_id or documents.symbol
    q: str = ""
    people: tuple[str, ...] = ()  # people.name: events they took part in, articles that mention them
    # Set only by ``query.materialised``: names of temp tables holding this filter's
    # event and article ids, so several queries evaluate the predicates once.
    events_table: str | None = field(default=None, compare=False, repr=False)
    articles_table: str | None = field(default=None, compare=False, repr=False)

    # -- URL parameters ---------------------------------------------------
    @classmethod
    def from_params(cls, params: Mapping) -> "Filter":
        """Build from URL query parameters (``org``, ``from``, ``to``, ``kind``, ``doc``, ``q``, ``person``)."""
        try:
            y_from, y_to = _year(_values(params, "from")), _year(_values(params, "to"))
            if y_from is not None and y_to is not None and y_from > y_to:
                y_from, y_to = y_to, y_from  # a reversed range is a typo, not "nothing"
            q_values = _values(params, "q")
            return cls(
                orgs=tuple(_values(params, "org")),
                year_from=y_from,
                year_to=y_to,
                kinds=tuple(k for k in _values(params, "kind") if k in EVENT_KINDS),
                docs=tuple(_values(params, "doc")),
                q=q_values[0] if q_values else "",
                people=tuple(_values(params, "person")),
            )
        except Exception:  # never raise on user input
            return cls()

    def to_params(self) -> dict[str, list[str]]:
        """URL query parameters; empty fields are left out so links stay short."""
        out: dict[str, list[str]] = {}
        if self.orgs:
            out["org"] = list(self.orgs)
        if self.year_from is not None:
            out["from"] = [str(self.year_from)]
        if self.year_to is not None:
            out["to"] = [str(self.year_to)]
        if self.kinds:
            out["kind"] = list(self.kinds)
        if self.docs:
            out["doc"] = list(self.docs)
        if self.q:
            out["q"] = [self.q]
        if self.people:
            out["person"] = list(self.people)
        return out

    # -- properties -------------------------------------------------------
    @property
    def is_empty(self) -> bool:
        return self == Filter()

    @property
    def is_costly(self) -> bool:
        """Worth materialising: text search and sub-queries cost more than a scan."""
        return bool(self.terms or self.orgs or self.docs or self.people)

    @property
    def terms(self) -> tuple[str, ...]:
        """The folded words of ``q`` that must all match."""
        return tuple(dict.fromkeys(fold(self.q).split()))[:MAX_TERMS]

    def with_(self, **changes) -> "Filter":
        """A copy with some fields changed (tuples accepted as lists)."""
        for key in ("orgs", "kinds", "docs", "people"):
            if key in changes:
                changes[key] = tuple(changes[key] or ())
        return replace(self, **changes)

    def narrows(self, other: "Filter") -> bool:
        """True when every row matching ``self`` must also match ``other``."""
        def subset(mine: tuple, theirs: tuple) -> bool:
            return not theirs or (bool(mine) and set(mine) <= set(theirs))

        lo_ok = other.year_from is None or (self.year_from is not None and self.year_from >= other.year_from)
        hi_ok = other.year_to is None or (self.year_to is not None and self.year_to <= other.year_to)
        return (subset(self.orgs, other.orgs) and subset(self.kinds, other.kinds)
                and subset(self.docs, other.docs) and subset(self.people, other.people) and lo_ok and hi_ok
                and set(other.terms) <= set(self.terms))

    # -- SQL --------------------------------------------------------------
    def where(self, alias: str = "e") -> tuple[str, list]:
        """Predicate over the ``events`` table under ``alias``, and its parameters."""
        e = alias
        if self.events_table:  # an internal identifier, never user input
            return f"{e}.event_id IN (SELECT event_id FROM {self.events_table})", []
        clauses: list[str] = []
        params: list = []
        if self.orgs:
            clauses.append(
                f"{e}.event_id IN (SELECT eo.event_id FROM event_organisations eo "
                f"JOIN organisations o ON o.org_id = eo.org_id WHERE o.name IN ({_marks(self.orgs)}))")
            params += list(self.orgs)
        if self.year_from is not None:
            clauses.append(f"{e}.date_end_day >= make_date(?, 1, 1)")
            params.append(self.year_from)
        if self.year_to is not None:
            clauses.append(f"{e}.date_start_day <= make_date(?, 12, 31)")
            params.append(self.year_to)
        if self.kinds:
            clauses.append(f"{e}.kind IN ({_marks(self.kinds)})")
            params += list(self.kinds)
        if self.docs:
            clauses.append(
                f"{e}.event_id IN (SELECT ed.event_id FROM event_documents ed "
                f"JOIN documents d ON d.document_id = ed.document_id "
                f"WHERE d.document_id IN ({_marks(self.docs)}) OR d.symbol IN ({_marks(self.docs)}))")
            params += list(self.docs) * 2
        if self.people:
            clauses.append(
                f"{e}.event_id IN (SELECT ep.event_id FROM event_people ep "
                f"JOIN people p ON p.person_id = ep.person_id WHERE p.name IN ({_marks(self.people)}))")
            params += list(self.people)
        for term in self.terms:
            clauses.append(f"({event_matches(e)} OR {e}.article_id IN "
                           f"(SELECT a_q.article_id FROM articles a_q WHERE {title_matches('a_q')}))")
            params += [*event_params(term), *title_params(term)]
        return (" AND ".join(clauses) or "TRUE"), params

    def article_where(self, alias: str = "a") -> tuple[str, list]:
        """Predicate over ``articles``: the article mentions the orgs/documents,
        was published in the years, has an event of the kinds, and matches q."""
        a = alias
        if self.articles_table:
            return f"{a}.article_id IN (SELECT article_id FROM {self.articles_table})", []
        clauses: list[str] = []
        params: list = []
        if self.orgs:
            clauses.append(
                f"{a}.article_id IN (SELECT om.article_id FROM org_mentions om JOIN organisations o "
                f"ON o.org_id = om.org_id WHERE o.name IN ({_marks(self.orgs)}))")
            params += list(self.orgs)
        if self.year_from is not None:
            clauses.append(f"coalesce({a}.published_date, {a}.inferred_end) >= make_date(?, 1, 1)")
            params.append(self.year_from)
        if self.year_to is not None:
            clauses.append(f"coalesce({a}.published_date, {a}.inferred_start) <= make_date(?, 12, 31)")
            params.append(self.year_to)
        if self.kinds:
            clauses.append(f"{a}.article_id IN (SELECT ek.article_id FROM events ek "
                           f"WHERE ek.kind IN ({_marks(self.kinds)}))")
            params += list(self.kinds)
        if self.docs:
            clauses.append(
                f"{a}.article_id IN (SELECT dm.article_id FROM document_mentions dm JOIN documents d "
                f"ON d.document_id = dm.document_id "
                f"WHERE d.document_id IN ({_marks(self.docs)}) OR d.symbol IN ({_marks(self.docs)}))")
            params += list(self.docs) * 2
        if self.people:
            clauses.append(
                f"{a}.article_id IN (SELECT pm.article_id FROM person_mentions pm JOIN people p "
                f"ON p.person_id = pm.person_id WHERE p.name IN ({_marks(self.people)}))")
            params += list(self.people)
        for term in self.terms:
            clauses.append(f"({title_matches(a)} OR {a}.article_id IN "
                           f"(SELECT eq.article_id FROM events eq WHERE {event_matches('eq')}))")
            params += [*title_params(term), *event_params(term)]
        return (" AND ".join(clauses) or "TRUE"), params

    # -- words ------------------------------------------------------------
    def sentence(self, lang: str = "vi", org_names_en: Mapping[str, str] | None = None,
                 doc_names: Mapping[str, str] | None = None) -> str:
        """The filter in words, e.g. "Sự kiện của Tổng cục Kỹ thuật, từ 2023 đến 2025"; a document with a
        name of its own (``doc_names``, see ``query.document_names``) reads "38/2024/QH15 (Luật …)"."""
        lang = i18n.norm_lang(lang)
        if self.is_empty:
            return i18n.t("all_events", lang)
        names_en = org_names_en or {}
        joiner = f" {i18n.t('or', lang)} "
        if self.orgs:
            orgs = joiner.join(i18n.org_label(o, names_en.get(o), lang) for o in self.orgs)
            head = i18n.t("events_of", lang, orgs=orgs)
        else:
            head = i18n.t("events", lang)
        if self.people:  # "Sự kiện có Nguyễn Mạnh Hùng tham gia": no comma inside the noun phrase
            head += " " + i18n.t("people_clause", lang, people=joiner.join(self.people))
        parts = [head]
        a, b = self.year_from, self.year_to
        if a is not None and b is not None:
            parts.append(i18n.t("years_single", lang, a=a) if a == b else i18n.t("years_from_to", lang, a=a, b=b))
        elif a is not None:
            parts.append(i18n.t("years_from", lang, a=a))
        elif b is not None:
            parts.append(i18n.t("years_to", lang, b=b))
        if self.kinds:
            kinds = joiner.join(i18n.kind_label(k, lang).lower() if lang == "vi" else i18n.kind_label(k, lang)
                                for k in self.kinds)
            parts.append(i18n.t("kinds_clause", lang, kinds=kinds))
        if self.docs:
            names = doc_names or {}
            parts.append(i18n.t("docs_clause", lang, docs=", ".join(with_own_name(d, names.get(d)) for d in self.docs)))
        if self.q:
            parts.append(i18n.t("q_clause", lang, q=self.q))
        return ", ".join(parts)




def _marks(values: tuple) -> str:
    return ", ".join("?" for _ in values)


def with_own_name(label: str, own: str | None) -> str:
    """A document as the filter sentence (and the events CSV) writes it: "38/2024/QH15 (Luật Công nghiệp quốc
    phòng, an ninh và động viên công nghiệp)", or the label alone without a name of its own (``own_name``)."""
    return f"{label} ({own})" if own else label
