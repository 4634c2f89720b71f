"""Sidebar filters shared by every page, bound to the URL query parameters.

The URL is read once per browser session (a new tab, a reload, a shared link)
into the widgets' session-state keys; after that the widgets own the state and
every run writes it back with ``st.query_params`` so the address bar is always
a link to the current view. URL values are untrusted: ``Filter.from_params``
cleans them, and names that are well-formed but unknown (an organisation not in
the store, a made-up kind) stay in the filter and are offered as options
marked "no match", so the page shows zero events instead of silently showing
everything or raising.
"""
from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from dashboard import i18n, query
from dashboard.app import data
from dashboard.app.labels import tr
from dashboard.model import EVENT_KINDS
from dashboard.text import fold
from dashboard.query import Filter, own_name

K_LANG, K_ORG, K_YEARS, K_KIND, K_DOC, K_Q = "f_lang", "f_org", "f_years", "f_kind", "f_doc", "f_q"
K_PERSON = "f_person"
K_INIT, K_UNKNOWN, K_BOUNDS, K_SNAPSHOT = "f_init", "f_unknown", "f_bounds", "f_snapshot"
#: Keys of page widgets (documents, articles, timeline) kept across a language switch.
PAGE_CHOICES = ("document", "article", "lane")
LANG_NAMES = {"vi": "Tiếng Việt", "en": "English"}
NO_MATCH = {"vi": "không khớp", "en": "no match"}


@dataclass(frozen=True)
class View:
    """What every page needs: the filter, the language and the event counts."""

    f: Filter
    lang: str
    shown: int
    total: int


def _raw(key: str) -> list[str]:
    # Filter.from_params drops unknown kinds; the sidebar keeps them to say "no match".
    return [str(v).strip()[:200] for v in st.query_params.get_all(key)[:50] if str(v).strip()]


def _resolve_org(value: str, names: list[str]) -> str:
    """A hand-typed ``?org=TCKT`` or ``?org=tong cuc ky thuat`` means the canonical name,
    when the search finds exactly one organisation or one whose name or abbreviation
    folds to the value; anything else stays as typed (and shows "no match")."""
    if value in names:
        return value
    found = data.search_organisations(value)
    if len(found) == 1:
        return found[0]
    key = fold(value).strip()
    rows = data.org_options().set_index("name")
    for name in found:
        forms = [name, *(rows.at[name, "abbreviations"] or [])] if name in rows.index else [name]
        if any(fold(x) == key for x in forms):
            return name
    return value


def _init_from_url(orgs: list[str], docs, bounds: tuple[int, int] | None, people) -> None:
    """Seed the widgets from the URL, once per session."""
    ss = st.session_state
    if ss.get(K_INIT):
        return
    f = Filter.from_params(st.query_params)
    f = f.with_(orgs=list(dict.fromkeys(_resolve_org(o, orgs) for o in f.orgs)),
                # "?person=phan van giang" (or the other i/y spelling) means the stored name when it is
                # clear which one (``query.resolve_person``); anything else stays as typed.
                people=list(dict.fromkeys(query.resolve_person(people, p) or p for p in f.people)))
    lang = st.query_params.get("lang", "vi")
    ss[K_LANG] = lang if lang in i18n.LANGS else "vi"
    by_symbol = {s: i for s, i in zip(docs["symbol"], docs["document_id"]) if isinstance(s, str)}
    doc_ids = [d if d in set(docs["document_id"]) else by_symbol.get(d, d) for d in f.docs]
    kinds = list(dict.fromkeys(_raw("kind")))
    ss[K_UNKNOWN] = {
        "org": [o for o in f.orgs if o not in orgs],
        "doc": [d for d in doc_ids if d not in set(docs["document_id"])],
        "kind": [k for k in kinds if k not in EVENT_KINDS],
        "person": [p for p in f.people if p not in set(people["name"])],
    }
    ss[K_ORG], ss[K_DOC], ss[K_KIND], ss[K_Q] = list(f.orgs), doc_ids, kinds, f.q
    ss[K_PERSON] = list(f.people)
    lo, hi = bounds or (f.year_from or 2000, f.year_to or 2030)
    lo, hi = min(lo, f.year_from or lo), max(hi, f.year_to or hi)
    hi = hi if hi > lo else lo + 1  # a slider needs min < max
    ss[K_BOUNDS] = (lo, hi)
    ss[K_YEARS] = (f.year_from or lo, f.year_to or hi)
    ss[K_INIT] = True


def _follow_store(bounds: tuple[int, int] | None) -> None:
    """After an upload (new snapshot) the year slider spans the new data.

    A slider that covered the whole old range keeps covering the whole range; a
    narrowed one keeps its years (widened bounds never drop a chosen year).
    """
    ss = st.session_state
    snap = data.snapshot()
    if ss.get(K_SNAPSHOT) == snap:
        return
    if ss.get(K_SNAPSHOT) is not None and bounds:
        old_lo, old_hi = ss[K_BOUNDS]
        y_from, y_to = ss.get(K_YEARS, (old_lo, old_hi))
        lo, hi = min(bounds[0], y_from), max(bounds[1], y_to)
        hi = hi if hi > lo else lo + 1
        ss[K_BOUNDS] = (lo, hi)
        ss[K_YEARS] = (lo if y_from <= old_lo else y_from, hi if y_to >= old_hi else y_to)
    ss[K_SNAPSHOT] = snap


def _org_label(options, lang: str):
    """Label that the multiselect's substring search can match in every way users type.

    Streamlit filters options by their label, case-insensitively but not ignoring
    diacritics, so the label carries the abbreviations and the folded name too.
    """
    rows = {r.name: r for r in options.itertuples(index=False)}
    unknown = set(st.session_state.get(K_UNKNOWN, {}).get("org", []))

    def label(name: str) -> str:
        if name in unknown:
            return f"⚠ {name} ({NO_MATCH[lang]})"
        row = rows.get(name)
        shown = i18n.org_label(name, getattr(row, "name_en", None), lang)
        parts = [shown if shown == name else f"{shown} – {name}"]
        abbrevs = [a for a in (getattr(row, "abbreviations", None) or []) if a and a not in name]
        if abbrevs:
            parts.append(", ".join(abbrevs[:4]))
        folded = fold(name)
        if folded != name.lower():
            parts.append(folded)
        return " · ".join(parts)

    return label


def _doc_label(options, lang: str):
    rows = {r.document_id: r for r in options.itertuples(index=False)}
    unknown = set(st.session_state.get(K_UNKNOWN, {}).get("doc", []))

    def label(doc_id: str) -> str:
        if doc_id in unknown or doc_id not in rows:
            return f"⚠ {doc_id} ({NO_MATCH[lang]})"
        row = rows[doc_id]
        kind = i18n.doc_kind_label(row.kind, lang)
        text = row.label if isinstance(row.label, str) else doc_id
        if own := own_name(row.symbol, row.name):  # found by typing its name too ("Luật Công nghiệp")
            return f"{text} · {own}"
        return text if text.lower().startswith(kind.lower()) else f"{text} ({kind})"

    return label


def _person_label(options, lang: str):
    """Name, rank, and the name without diacritics for the substring search ("phan van giang")."""
    ranks = dict(zip(options["name"], options["rank"]))
    unknown = set(st.session_state.get(K_UNKNOWN, {}).get("person", []))

    def label(name: str) -> str:
        if name in unknown:
            return f"⚠ {name} ({NO_MATCH[lang]})"
        rank = ranks.get(name)
        parts = [f"{name} ({rank})" if isinstance(rank, str) and rank else name]
        folded = fold(name)
        if folded != name.lower():
            parts.append(folded)
        return " · ".join(parts)

    return label


def _kind_label(lang: str):
    def label(kind: str) -> str:
        return i18n.kind_label(kind, lang) if kind in EVENT_KINDS else f"⚠ {kind} ({NO_MATCH[lang]})"

    return label


def _current_filter() -> Filter:
    ss = st.session_state
    lo, hi = ss[K_BOUNDS]
    y_from, y_to = ss.get(K_YEARS, (lo, hi))
    return Filter(orgs=tuple(ss.get(K_ORG, [])), kinds=tuple(ss.get(K_KIND, [])), docs=tuple(ss.get(K_DOC, [])),
                  people=tuple(ss.get(K_PERSON, [])),
                  year_from=None if y_from <= lo else int(y_from), year_to=None if y_to >= hi else int(y_to),
                  q=(ss.get(K_Q) or "").strip()[:200])


def url_params(f: Filter, lang: str) -> dict[str, list[str]]:
    """The URL parameters of a view: the filter's, and the language unless it is the default."""
    params = f.to_params()
    if lang != "vi":
        params["lang"] = [lang]
    return params


def _write_url(f: Filter, lang: str) -> None:
    """Write the filter to the address bar when it differs (no rerun is triggered)."""
    params = url_params(f, lang)
    current = {k: st.query_params.get_all(k) for k in st.query_params}
    if current != params:
        st.query_params.from_dict(params)


def _keep_selections() -> None:
    """Language switch: re-assert the multiselects' values before the labels change.

    The browser keeps a multiselect's value as its option *labels*; labels change
    with the language, so the old ones would no longer match and the selection
    would silently vanish on the next run. Writing the values back from this
    callback makes Streamlit send them again under the new labels.
    """
    ss = st.session_state
    for key in (K_ORG, K_KIND, K_DOC, K_PERSON):
        ss[key] = list(ss.get(key, []))
    for key in PAGE_CHOICES:  # page widgets whose labels are translated too
        if ss.get(key) is not None:
            ss[key] = ss[key]


def _clear() -> None:
    ss = st.session_state
    ss[K_ORG], ss[K_KIND], ss[K_DOC], ss[K_Q], ss[K_PERSON] = [], [], [], "", []
    ss[K_YEARS] = ss[K_BOUNDS]


def sidebar() -> View:
    """Draw the filters in the sidebar; return the view every page renders."""
    orgs = data.org_options()
    docs = data.doc_options()
    people = data.person_options()
    bounds = data.year_bounds()
    _init_from_url(list(orgs["name"]), docs, bounds, people)
    _follow_store(bounds)
    ss = st.session_state
    unknown = ss[K_UNKNOWN]
    with st.sidebar:
        lang = st.segmented_control(i18n.t("language", ss[K_LANG]), options=list(LANG_NAMES), key=K_LANG,
                                    format_func=LANG_NAMES.get, selection_mode="single", required=True,
                                    on_change=_keep_selections) or "vi"
        st.subheader(i18n.t("filters", lang))
        st.multiselect(i18n.t("filter_org", lang), options=unknown["org"] + list(orgs["name"]), key=K_ORG,
                       format_func=_org_label(orgs, lang), help=i18n.t("filter_org_help", lang),
                       filter_mode="contains", placeholder=i18n.t("filter_org_help", lang),
                       select_all=False)  # Enter after typing "CNQP" picks the best match, not all
        st.multiselect(i18n.t("filter_person", lang), options=unknown["person"] + list(people["name"]),
                       key=K_PERSON, format_func=_person_label(people, lang), help=i18n.t("filter_person_help", lang),
                       filter_mode="contains", placeholder=tr("all", lang), select_all=False)
        lo, hi = ss[K_BOUNDS]
        st.slider(i18n.t("filter_years", lang), min_value=lo, max_value=hi, key=K_YEARS, step=1)
        st.multiselect(i18n.t("filter_kind", lang), options=unknown["kind"] + list(EVENT_KINDS), key=K_KIND,
                       format_func=_kind_label(lang), filter_mode="contains", placeholder=tr("all", lang))
        st.multiselect(i18n.t("filter_doc", lang), options=unknown["doc"] + list(docs["document_id"]),
                       key=K_DOC, format_func=_doc_label(docs, lang), filter_mode="contains", placeholder=tr("all", lang))
        st.text_input(i18n.t("filter_q", lang), key=K_Q, help=i18n.t("filter_q_help", lang), max_chars=200)
        st.button(i18n.t("filter_reset", lang), on_click=_clear, key="f_clear", icon=":material/filter_alt_off:")
    f = _current_filter()
    _write_url(f, lang)
    shown, total = data.counts(f)
    return View(f=f, lang=lang, shown=shown, total=total)
