"""Who and what an event involves: organisations, documents and people near its sentence.

Used by the events stage (one ``Links`` per article) and the inferred stage. An
organisation counts when a mention lies in the sentence and is not a person's
affiliation ("Thứ trưởng Bộ Quốc phòng") or the issuer of a cited document ("...
của Quân ủy Trung ương"); documents and people count by their mentions in the
sentence (people: in the lead's paragraph, which names who attended, and in the
paragraph after it when that one lists who presided or attended).
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from ..vocab import load
from .phrases import word_start_alternation
from .scan import case_safe
from ..spans import Overlaps
from .state import ParseState


#: A title right before an organisation ("Thứ trưởng Bộ Quốc phòng", "Ủy viên Bộ Chính
#: trị") makes it a person's affiliation, not a participant; so is the abbreviation
#: in brackets after such a name ("Thứ trưởng Bộ Quốc phòng (BQP)"). Titles in any case.
AFFILIATION = re.compile(
    word_start_alternation(load("event_kinds_vi.json")["affiliation_titles"]) + r"\s+(?:[^,;().]{1,60}\(\s*)?$")
#: "806-NQ/QUTW ngày 31-12-2013 của Quân ủy Trung ương": the issuer of a citation.
#: "Trung tướng X chủ trì hội nghị. Cùng dự có ...": a paragraph naming who attended.
ATTENDANCE = re.compile(word_start_alternation(load("event_kinds_vi.json")["attendance"]) + r"(?!\w)")
ATTENDANCE_PARAGRAPHS = 2  # "Cùng dự có ..." then "Tham dự có ...": further on, the article has moved on
CITED_ISSUER = re.compile(r"(?:\d+[-/][A-ZĐ][\w\-/]*|\bsố\s+\d+\S*)(?:\s+ngày\s+[\d\-/.]+)?\s+của\s+$")


#: Heads an article calls its subject by once it has named it in full ("Học viện đã phối hợp …"); capitalised
#: only: "các học viện, nhà trường" are any. One-word heads ("Bộ", "Cục") also open titles ("Bộ trưởng").
_BARE_HEAD = re.compile(r"(?:Học viện|Tổng cục|Nhà máy|Quân khu|Quân đoàn|Quân chủng|Binh chủng|Binh đoàn"
                        r"|Tập đoàn|Tổng công ty|Bộ Tư lệnh|Sư đoàn|Lữ đoàn|Trung đoàn|Xí nghiệp)(?!\w)")
#: A party, union or youth body of the organisation is another body: "Đảng ủy Tổng cục", "Công đoàn Nhà máy".
_OWNED_BY = re.compile(r"(?:Đảng ủy|Đảng bộ|Công đoàn|Đoàn Thanh niên|Hội Phụ nữ|Thủ trưởng|Bộ Tư lệnh)\s+$")

_TITLES = load("event_kinds_vi.json")["affiliation_titles"]
_TITLE_ENDS = tuple(dict.fromkeys(t.split()[-1] for t in _TITLES))
_TITLE_WORDS = tuple(dict.fromkeys(w for t in _TITLES for w in t.split()))


def _affiliation(before: str) -> bool:
    """``AFFILIATION.search(before)``, skipped when its title cannot be there: a title
    right before the end, or any title word before an opening bracket. (Lower-casing
    agrees with the regex's case folding except on "İ", "ı" and "ſ".)"""
    tail = before.rstrip()
    low = tail.lower()
    if tail.endswith("("):
        possible = any(w in low for w in _TITLE_WORDS)
    else:
        possible = before[-1:].isspace() and low.endswith(_TITLE_ENDS)
    return (possible or not case_safe(before)) and AFFILIATION.search(before) is not None


class _FirstInside:
    """For items with several evidence spans (documents, people): where each one's first
    span inside a sentence starts. The spans are sorted once, so each sentence reads only
    its own instead of every span of the article (quadratic on a text of megabytes)."""

    def __init__(self, spans_by_item) -> None:
        self.spans = sorted((ev.start, ev.end, i) for i, spans in enumerate(spans_by_item) for ev in spans)
        self.starts = [s for s, _e, _i in self.spans]

    def __call__(self, sent) -> dict[int, int]:
        """item index -> start of its first span inside ``sent``."""
        first: dict[int, int] = {}
        for start, end, i in self.spans[bisect_left(self.starts, sent[0]):bisect_right(self.starts, sent[1])]:
            if end <= sent[1] and i not in first:
                first[i] = start
        return first


class Links:
    """The organisations, documents and people of one article's event sentences.
    Whether an organisation's mention takes part (two regex searches) is decided
    only for mentions inside an event's sentence, and once."""

    def __init__(self, state: ParseState) -> None:
        self.state = state
        self._cited: Overlaps | None = None
        self._documents: _FirstInside | None = None
        self._people: _FirstInside | None = None
        #: (what, start, end) -> answer: the events of one sentence (or paragraph) ask for it once each
        self._answers: dict[tuple[str, int, int], tuple[str, ...]] = {}
        self._takes_part: dict[tuple[int, int], bool] = {}
        self._org_mentions: list | None = None  # (start, organisation, mention), by start
        self._org_starts: list[int] = []
        self._unique_heads: dict | None = None

    def paragraph(self, sent) -> tuple[int, int]:
        """The line (paragraph) holding the sentence."""
        breaks = self.state.breaks
        return breaks.line_start(sent[0]), breaks.line_end(sent[1])

    def attendees(self, sent) -> tuple[int, int]:
        """Where a lead's people are named: its paragraph, and the next ones (two at most) while
        each says who presided or attended ("Trung tướng X chủ trì hội nghị. Cùng dự có ...")."""
        start, end = self.paragraph(sent)
        text = self.state.text
        for _ in range(ATTENDANCE_PARAGRAPHS):
            after = end
            while after < len(text) and text[after].isspace():
                after += 1
            following = self.state.breaks.line_end(after)
            if after >= len(text) or not ATTENDANCE.search(text, after, following):
                break
            end = following
        return start, end

    def organisations(self, sent) -> tuple[str, ...]:
        """Names of the organisations with a mention in the sentence that takes part, in
        order of that mention. The mentions are sorted once, so each sentence reads its own."""
        return self._once("organisations", sent, self._organisations)

    def documents(self, sent) -> tuple[str, ...]:
        """Keys of the documents with a mention in the sentence, in order of their first one there."""
        return self._once("documents", sent, self._documents_in)

    def people(self, sent) -> tuple[str, ...]:
        """Names of the people with a mention in ``sent`` (a lead's paragraph), in order of the first."""
        return self._once("people", sent, self._people_in)

    def _once(self, what: str, sent, compute) -> tuple[str, ...]:
        key = (what, sent[0], sent[1])
        if key not in self._answers:
            self._answers[key] = compute(sent)
        return self._answers[key]

    def _organisations(self, sent) -> tuple[str, ...]:
        if self._org_mentions is None:
            self._org_mentions = sorted(((ev.start, org, ev) for org in self.state.organisations for ev in org.mentions),
                                        key=lambda m: m[0])
            self._org_starts = [m[0] for m in self._org_mentions]
        first: dict[int, tuple[int, str]] = {}  # by id(organisation): its first mention taking part
        mentions = self._org_mentions
        inside = []
        for i in range(bisect_left(self._org_starts, sent[0]), len(mentions)):  # (a slice copied the rest)
            start, org, ev = mentions[i]
            if start > sent[1]:
                break
            inside.append((ev.start, ev.end))
            if ev.end <= sent[1] and id(org) not in first and self._part(ev):
                first[id(org)] = (start, org.name)
        for start, org in self._bare_heads(sent, inside, first):
            if id(org) not in first:
                first[id(org)] = (start, org.name)
        return tuple(name for _pos, name in sorted(first.values()))

    def _bare_heads(self, sent, inside, first):
        """(position, organisation) for each bare head in the sentence that can only be one of the article's
        organisations: "Học viện đã phối hợp với Tập đoàn Viettel tổ chức Hội thảo …", in an article about
        Học viện Kỹ thuật Quân sự and no other academy. Not inside a name, not a person's affiliation
        ("Giám đốc Học viện"), not a party or mass body's ("Đảng ủy Tổng cục")."""
        if self._unique_heads is None:  # head -> the article's one body with it (once per article)
            bodies: dict[str, list] = {}
            for org in self.state.organisations:
                if (m := _BARE_HEAD.match(org.name)) is not None and org.name[m.end():m.end() + 1] == " ":
                    bodies.setdefault(m.group(), []).append(org)
            self._unique_heads = {head: orgs[0] for head, orgs in bodies.items() if len(orgs) == 1}
        if all(id(org) in first for org in self._unique_heads.values()):
            return []  # (none, or the sentence names them all already)
        text = self.state.text
        found = []
        for m in _BARE_HEAD.finditer(text, sent[0], sent[1]):  # (a look-behind first would try every offset)
            if m.group() not in self._unique_heads:
                continue
            if m.start() and text[m.start() - 1].isalnum():
                continue
            after = text[m.end():m.end() + 2].lstrip()
            if after[:1].isupper() or after[:1].isdigit() or any(s <= m.start() < e for s, e in inside):
                continue  # "Nhà máy Z111", "Quân khu 7", or inside a name found
            before = text[max(0, m.start() - 80):m.start()]
            if _affiliation(before) or _OWNED_BY.search(before):
                continue
            found.append((m.start(), self._unique_heads[m.group()]))
        return found

    def _documents_in(self, sent) -> tuple[str, ...]:
        docs = self.state.documents
        if self._documents is None:
            self._documents = _FirstInside((doc.evidence, *doc.mentions) for doc in docs)
        found = [(pos, docs[i].key) for i, pos in self._documents(sent).items()]
        return tuple(dict.fromkeys(key for _pos, key in sorted(found)))

    def _people_in(self, sent) -> tuple[str, ...]:
        people = self.state.people
        if self._people is None:
            self._people = _FirstInside(p.mentions for p in people)
        found = [(pos, people[i].name) for i, pos in self._people(sent).items()]
        return tuple(name for _pos, name in sorted(found))

    def _part(self, ev) -> bool:
        """Not a person's affiliation, not the issuer of a cited document."""
        key = (ev.start, ev.end)
        if key not in self._takes_part:
            if self._cited is None:
                # An issuer inside a cited document ("... của Quân ủy Trung ương") takes no part.
                self._cited = Overlaps((ev.start, ev.end) for doc in self.state.documents
                                       for ev in (doc.evidence, *doc.mentions))
            before = self.state.text[max(0, ev.start - 80):ev.start]
            self._takes_part[key] = (
                not _affiliation(before)
                and not (before.rstrip().endswith("của") and CITED_ISSUER.search(before))
                and not self._cited.covers(ev.start, ev.end))
        return self._takes_part[key]
