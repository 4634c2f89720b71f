"""Look-up structures that keep the parser linear on long texts, checked against the scans they replace.

A text of megabytes (a whole site pasted into one file) made several stages test
every mention against every other: 41 s for a 4.9 MB file. Each replacement must
answer exactly what the plain scan answered; these tests compare the two on random
spans (hypothesis) and on a long text built from every article in the repository.
"""
from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dashboard.parsing import document_tails, documents, event_links, extract
from dashboard.spans import Growing, Overlaps
from dashboard.sources import read_path

ROOT = Path(__file__).resolve().parent.parent
span = st.tuples(st.integers(0, 60), st.integers(0, 12)).map(lambda p: (p[0], p[0] + p[1]))  # empty ones too
spans = st.lists(span, max_size=25)


@settings(max_examples=300, deadline=None)
@given(spans, st.lists(span, min_size=1, max_size=10))
def test_spans_growing_answers_as_a_scan_of_every_span_added_so_far(added, queries):
    g, seen = Growing(), []
    for step in [*added, None]:
        for qs, qe in queries:
            assert g.hits(qs, qe) == any(a < qe and qs < b for a, b in seen), (seen, qs, qe)
        if step is not None:
            g.add(*step)
            seen.append(step)


@settings(max_examples=300, deadline=None)
@given(spans, span)
def test_spans_overlaps_point_and_cover_tests_answer_as_scans(fixed, query):
    o, (qs, qe) = Overlaps(fixed), query
    assert o.hits(qs, qs + 1) == any(a <= qs < b for a, b in fixed)
    assert o.covers(qs, qe) == any(a <= qs and qe <= b for a, b in fixed)


def _date(start: int, role: str = "issue", value=True):
    return SimpleNamespace(role=role, value=object() if value else None, evidence=SimpleNamespace(start=start))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 80), st.sampled_from(["issue", "point"]), st.booleans()), max_size=20),
       st.integers(0, 80), st.integers(0, 90))
def test_spans_issue_dates_find_the_first_in_list_order(raw, cur, stop):
    dates = [_date(s, role, v) for s, role, v in raw]  # in any order, ties too
    expected = next((d for d in dates if d.role == "issue" and cur <= d.evidence.start <= cur + 12
                     and d.evidence.start < stop and d.value is not None), None)
    assert document_tails.IssueDates(dates).first(cur, cur + 12, stop) is expected


@pytest.fixture(scope="module")
def long_text() -> str:
    """Every sample and evaluation article in one text (~40 articles), twice."""
    paths = sorted((ROOT / "data" / "articles").glob("*")) + sorted((ROOT / "data" / "eval").rglob("articles/*"))
    texts = [r.article.text for p in paths for r in read_path(p) if r.article]
    assert len(texts) >= 40
    return "\n\n".join(texts * 2)


def test_spans_document_linking_with_the_group_index_equals_trying_every_group(long_text, monkeypatch):
    mentions = documents.find_mentions(long_text)
    assert len(mentions) > 4 * documents._INDEX_FROM  # the index is in use

    def linked(index_from: int):
        monkeypatch.setattr(documents, "_INDEX_FROM", index_from)
        return documents.find(long_text)

    plain, indexed = linked(10 ** 9), linked(0)
    assert indexed == plain
    assert len({d.key for d in plain}) > 30 and any(len(d.mentions) > 2 for d in plain)


def test_spans_event_links_equal_a_scan_of_every_mention(long_text):
    """Documents and people of each event sentence, against the per-sentence scan they replaced."""
    from dashboard.model import Article
    from dashboard.parsing import PIPELINE
    from dashboard.parsing.state import ParseState

    state = ParseState.start(Article("long.txt", long_text))
    for name, stage, *_ in PIPELINE:
        if name == "events":
            break
        stage(state)
    links = event_links.Links(state)

    def first_inside(evs, sent):
        hits = [ev.start for ev in evs if sent[0] <= ev.start and ev.end <= sent[1]]
        return min(hits) if hits else None

    sentences = [(e.evidence.start, e.evidence.end) for e in extract(Article("long.txt", long_text)).events]
    assert len(sentences) > 40
    # and windows that cut a mention in two (it is not inside) or start right on one (it is)
    spans = [ev for d in state.documents for ev in d.mentions] + [ev for p in state.people for ev in p.mentions]
    sentences += [(max(0, ev.start - 80), (ev.start + ev.end) // 2) for ev in spans]
    sentences += [(ev.start, ev.end + 40) for ev in spans]
    for sent in sentences:
        docs = sorted((pos, d.key) for d in state.documents
                      if (pos := first_inside((d.evidence, *d.mentions), sent)) is not None)
        people = sorted((pos, p.name) for p in state.people if (pos := first_inside(p.mentions, sent)) is not None)
        assert links.documents(sent) == tuple(dict.fromkeys(k for _p, k in docs))
        assert links.people(sent) == tuple(n for _p, n in people)
    assert any(links.documents(s) for s in sentences) and any(links.people(s) for s in sentences)


@settings(max_examples=300, deadline=None)
@given(st.lists(span, max_size=20), span)
def test_spans_dates_of_a_sentence_in_list_order(raw, sent):
    from dashboard.parsing.events import _DatesBySentence

    dates = [SimpleNamespace(evidence=SimpleNamespace(start=s, end=e)) for s, e in raw]  # unsorted, ties too
    expected = [d for d in dates if sent[0] <= d.evidence.start and d.evidence.end <= sent[1]]
    assert _DatesBySentence(dates)(sent) == expected


def test_spans_contained_mentions_dropped_as_by_a_scan_of_every_numbered_one(long_text):
    """``drop_contained`` looks only near each named mention; the reference looks at all of them."""
    import copy

    from dashboard.parsing import document_merge as merge

    mentions = documents.find_mentions(long_text)
    merge.attach_law_symbols(long_text, mentions)
    documents._read_tails(long_text, mentions, [])
    numbered = [mn for mn in mentions if mn.family[0] != "named"]
    expected = [mn for mn in mentions if mn.family[0] != "named" or not (
        any(o.start < mn.start < o.end and o.subject and mn.start >= o.end - len(o.subject) - merge._SUBJECT_SLACK
            for o in numbered)
        or any(o.symbol and mn.start < o.start and merge.ATTACHED.fullmatch(long_text, mn.start, o.start)
               for o in numbered))]
    kept = copy.copy(mentions)
    merge.drop_contained(long_text, kept)
    assert [id(mn) for mn in kept] == [id(mn) for mn in expected]
    assert len(kept) < len(mentions)  # some are dropped: the test has something to compare


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(span, st.booleans()), max_size=20), span)
def test_spans_named_mention_end_moves_as_with_a_scan_of_every_mention(raw, name):
    """``_named`` moves a name's end to each symbol starting inside it, in list order (the end can
    shrink or grow as it goes); ``_Cited.reachable`` must offer every mention that scan would use."""
    from dashboard.parsing.document_mentions import _Cited

    found = [SimpleNamespace(start=s, end=e, symbol="1/QĐ" if sym else None) for (s, e), sym in raw]
    start, end = name

    def moved(candidates):
        e = end
        for other in candidates:
            if other.symbol and start < other.start < e:
                e = other.end
        return e

    assert moved(_Cited(found).reachable(start, end)) == moved(found)


categories = st.sampled_from(["date", "document", "organisation", "person", "unknown"])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(-2, 60), st.integers(-2, 12), categories), max_size=30))
def test_spans_highlighter_keeps_what_a_scan_of_the_kept_spans_keeps(raw):
    """The article page's highlighter: longer spans first, each kept unless it overlaps one kept before."""
    from dashboard.app.highlight import Span, _non_overlapping

    spans = [Span(s, s + n, c) for s, n, c in raw]
    valid = sorted((s for s in spans if 0 <= s.start < s.end <= 50 and s.category != "unknown"),
                   key=lambda s: (-(s.end - s.start), s.start))
    kept: list = []
    for s in valid:
        if all(s.end <= t.start or s.start >= t.end for t in kept):
            kept.append(s)
    assert _non_overlapping(spans, 50) == sorted(kept, key=lambda s: s.start)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(-2, 60), st.integers(-2, 12), categories), max_size=30))
def test_spans_article_segments_cut_as_a_scan_of_the_chosen_spans(raw):
    from dashboard.query.detail import SPAN_PRIORITY, segments

    text = "".join(chr(0x61 + i % 26) for i in range(50))
    spans = [{"type": c, "start": s, "end": s + n, "label": f"{c}{i}"} for i, (s, n, c) in enumerate(raw)]
    chosen: list = []
    for s in sorted(spans, key=lambda s: (SPAN_PRIORITY.get(s["type"], 9), s["start"] - s["end"])):
        if 0 <= s["start"] < s["end"] <= len(text) and all(
                s["end"] <= c["start"] or s["start"] >= c["end"] for c in chosen):
            chosen.append(s)
    pieces = segments(text, spans)
    assert "".join(p for p, _t, _l in pieces) == text
    assert [(t, lab) for _p, t, lab in pieces if t is not None] == [
        (c["type"], c["label"]) for c in sorted(chosen, key=lambda c: c["start"])]


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="ab ,(\u00a0\t", max_size=30), st.data())
def test_spans_date_window_stretch_walks_back_as_rstrip(text, data):
    """``Plan._stretch`` walks back from a digit run instead of ``rstrip`` on a copy of the whole window."""
    from dashboard.parsing.date_windows import Plan

    plan = Plan.__new__(Plan)
    plan.lower = text
    lo = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(lo, len(text)))
    chars = data.draw(st.sampled_from(["", " ", " ,(", "a ", ",("]))

    def reference():  # the rstrip version it replaced
        start = lo + len(text[lo:end].rstrip(chars))
        while start > lo and text[start - 1].isspace():
            start = lo + len(text[lo:start - 1].rstrip(chars))
        return start

    assert plan._stretch(lo, end, chars) == reference()


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab\n", max_size=40), st.data())
def test_spans_line_breaks_answer_as_find_and_rfind(text, data):
    from dashboard.parsing.segment import LineBreaks

    breaks, pos = LineBreaks(text), data.draw(st.integers(0, len(text)))
    assert breaks.line_start(pos) == text.rfind("\n", 0, pos) + 1
    found = text.find("\n", pos)
    assert breaks.line_end(pos) == (len(text) if found < 0 else found)


def test_spans_most_frequent_spelling_of_a_person_first_on_ties():
    """people.find names a person by the spelling written most often (the first one on a tie)."""
    from dashboard.parsing.people import find

    text = ("Thượng tướng Phùng Sỹ Tấn dự. Thượng tướng Phùng Sĩ Tấn phát biểu. "
            "Thượng tướng Phùng Sĩ Tấn chỉ đạo. Đại tá Lê Văn Hy dự. Đại tá Lê Văn Hi dự.")
    names = {p.name: p.variants for p in find(text)}
    assert names == {"Phùng Sĩ Tấn": ("Phùng Sỹ Tấn",), "Lê Văn Hy": ("Lê Văn Hi",)}


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="ab ,;:\t", max_size=40), st.data())
def test_spans_clause_of_an_offset_as_a_scan_of_the_cuts(text, data):
    import re

    from dashboard.parsing.segment import clause_of

    s0 = data.draw(st.integers(0, len(text)))
    sent = (s0, data.draw(st.integers(s0, len(text))))
    pos = data.draw(st.integers(sent[0], sent[1]))

    def reference():  # the loop it replaced
        s, e = sent
        for cut in re.compile(r"[,;:]\s+").finditer(text, sent[0], sent[1]):
            if cut.end() <= pos:
                s = cut.end()
            elif cut.start() >= pos:
                e = cut.start()
                break
        return s, e

    assert clause_of(text, sent, pos) == reference()


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(["a", " ", ",", ";", "vào", "vào ", "\n", "\u00a0", "V", "ào"]), max_size=12), st.data())
def test_spans_clause_mark_before_a_date_as_a_search_of_the_whole_prefix(pieces, data):
    from dashboard.parsing.events import CLAUSE_OPENER, _after_clause_mark

    text = "".join(pieces)
    lo = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(lo, len(text)))
    assert _after_clause_mark(text, lo, end) == (CLAUSE_OPENER.search(text[lo:end]) is not None)


@pytest.mark.parametrize("prefix, expected", [
    ("Hôm qua, ", True), ("Hôm qua; vào ", True), ("Hôm qua,vào  ", True), ("Hôm qua, vào", False),
    ("Hôm qua, sáng ", False), ("Hôm qua ", False), (",\n", True), ("vào ", False),
])
def test_spans_clause_mark_examples(prefix, expected):
    from dashboard.parsing.events import _after_clause_mark

    text = "Trước đó. " + prefix + "22-11"
    assert _after_clause_mark(text, len("Trước đó. "), len(text) - len("22-11")) is expected


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.integers(0, 60), min_size=1, max_size=4), max_size=12), span)
def test_spans_documents_of_a_sentence_in_article_order(starts, sent):
    """The inferred stage's documents with a mention starting in a sentence (an undated article)."""
    from dashboard.parsing.inferred import _DocsBySentence

    docs = [SimpleNamespace(evidence=SimpleNamespace(start=s[0]), mentions=tuple(SimpleNamespace(start=x) for x in s[1:]))
            for s in starts]
    expected = [d for d in docs if any(sent[0] <= ev.start < sent[1] for ev in (d.evidence, *d.mentions))]
    assert _DocsBySentence(docs)(sent) == expected
