"""Event titles: a short phrase naming what happened, from the cue to a stop word.

Used by the events stage: ``title`` takes the cue's phrase ("Hội nghị tổng kết
10 năm thực hiện Nghị quyết số 806-NQ/QUTW"), or the words after the date when
the sentence has no cue; ``law_title`` names a law that takes effect
("<document> có hiệu lực") when its clause has no subject of its own.
"""
from __future__ import annotations

import re
from bisect import bisect_left

from ..model import DateMention
from .document_patterns import TYPE_WORDS
from .segment import clause_of
from .state import ParseState

#: Where a title stops: punctuation, or a word that starts a date, a place, an owner or a purpose.
#: "ngày" starts a date only before a number: "Lễ kỷ niệm 80 năm Ngày thành lập Quân đội" names the day
#: it celebrates (anniversary titles stopped at "Lễ kỷ niệm 80 năm"); "vào" only before a time word:
#: "đưa vào vận hành dây chuyền" is a verb's ("… sẽ đưa" was a title).
TITLE_STOP = re.compile(
    r"\s*[,.;:()]|\s+(?=(?:của|tại|nhằm|để|do|từ|với\s+sự|với\s+tổng\s+(?:vốn|kinh\s+phí|mức|số)|dưới\s+sự|cho"
    r"|diễn\s+ra|được\s+tổ\s+chức|long\s+trọng|và\s+đón\s+nhận|dự\s+kiến)\s"
    r"|(?:sáng|trưa|chiều|tối)\s+(?:\d|cùng\s+ngày|hôm\s+(?:sau|nay|qua)|nay(?!\w)|qua(?!\w)|mai(?!\w))"
    r"|ngày\s+(?:(?:mùng|mồng)\s+)?\d|ngày\s+(?:hôm\s+)?(?:nay|mai|qua)(?!\w)"
    r"|vào\s+(?:ngày|tháng|năm|quý|dịp|lúc|sáng|trưa|chiều|tối|cuối|đầu|giữa|trung|thượng|hạ|\d))",
    re.IGNORECASE,
)
PUNCT_STOP = re.compile(r"\s*[,.;:()]")
#: A comma then a lower-case word: the next verb of a pair ("quán triệt, triển khai …").
_PAIRED_VERB = re.compile(r", (?=[^\W\dA-ZĐ])")
#: A place clause after the date ("tại Hà Nội, ") is not the title of an event.
PLACE = re.compile(r"(?:tại|ở)\s+[^,.;]{1,60},\s*", re.IGNORECASE)
TITLE_MAX_WORDS = 18
#: A title ending on a document's whole name may run longer: "Hội nghị về triển khai thi hành Luật Công nghiệp
#: quốc phòng, an ninh và động viên công nghiệp" (19 words) cut at 18 said "… động viên công".
TITLE_NAMED_WORDS = 24
#: Auxiliaries dropped at the start of a title, words a title must not end on.
TITLE_LEAD = re.compile(r"^(?:đã|sẽ|đang|vừa|cũng)\s+", re.IGNORECASE)
LAW_KINDS = ("law", "ordinance")
#: The auxiliaries too: "Triển lãm Quốc phòng quốc tế Việt Nam 2024 sẽ" (cut before "được tổ chức").
TITLE_DANGLING = {"và", "với", "giữa", "của", "về", "các", "những", "cho", "trong", "tại", "là",
                  "sẽ", "đã", "đang", "vừa", "cũng", "được", "bị"}

def title(text: str, sent, cue, mention: DateMention, doc_spans=()) -> str:
    """The cue's phrase up to a stop word ("Hội nghị tổng kết 10 năm thực hiện Nghị quyết số
    806-NQ/QUTW"), or the words after the date when the sentence has no cue. A stop inside a document's
    name or a quotation does not cut it (``doc_spans``: the article's document mentions, sorted)."""
    if cue is not None and cue[2] == "law_in_force":
        start = clause_of(text, sent, cue[0])[0]  # "Luật này có hiệu lực thi hành"
    elif cue is not None and (cue[2] != "other" or cue[0] < mention.evidence.start):
        start = cue[0]  # a dated happening inside the sentence: "sẽ khởi công dây chuyền ... trong quý II"
    else:
        start = mention.evidence.end
        while start < sent[1] and not text[start].isalnum():
            start += 1
        if place := PLACE.match(text, start, sent[1]):
            start = place.end()
    stop = TITLE_STOP.search(text, start + 1, sent[1])
    end = stop.start() if stop else sent[1]
    if len(text[start:end].split()) < 3:
        # "Làm việc" alone says little: run on to the next punctuation ("Làm việc tại Nhà máy Z111").
        stop = PUNCT_STOP.search(text, start + 1, sent[1])
        end = stop.start() if stop else sent[1]
    end = _past_names(text, start, end, sent, doc_spans)
    short = len(text[start:end].split()) < 3
    if (more := _PAIRED_VERB.match(text, end, sent[1])) is not None and (
            short or text[max(start, end - 12):end].lower().endswith(_VERBS_WANTING_OBJECTS)):
        # "quán triệt, triển khai Luật …": a second verb after the comma carries the object.
        stop = TITLE_STOP.search(text, more.end(), sent[1])
        end = _past_names(text, start, stop.start() if stop else sent[1], sent, doc_spans)
    words = TITLE_LEAD.sub("", text[start:end]).split()[:max(TITLE_MAX_WORDS, TITLE_NAMED_WORDS)]
    if len(words) > TITLE_MAX_WORDS and not _name_at_end(start, end, doc_spans):  # (a long title: rare)
        words = words[:TITLE_MAX_WORDS]
    while len(words) > 1 and words[-1].lower() in TITLE_DANGLING:
        words.pop()
    title = " ".join(words).strip(" \"“”'‘’-–")
    if not title:
        return mention.evidence.text
    if cue is not None and cue[2] == "anniversary" and title.lower() in ("lễ kỷ niệm", "kỷ niệm") and (
            what := _ANNIVERSARY.search(text, sent[0], sent[1])):
        # "Nhân dịp kỷ niệm 80 năm Ngày truyền thống …, Tổng cục sẽ tổ chức Lễ kỷ niệm vào ngày 9/9": which one
        title = f"{title} {what.group(1)}"
    if title.count("“") > title.count("”"):  # a quotation that runs to the end keeps its closing mark
        title += "”"
    elif title.count('"') % 2:
        title += '"'
    return title[0].upper() + title[1:]


def _name_at_end(start: int, end: int, doc_spans) -> bool:
    i = bisect_left(doc_spans, (start,))
    return any(s < end and e == end for s, e in doc_spans[i:bisect_left(doc_spans, (end,))])


#: What an anniversary celebrates, said elsewhere in its sentence: "kỷ niệm 80 năm Ngày truyền thống ngành …".
_ANNIVERSARY = re.compile(r"(?i:kỷ niệm) (\d+ năm [^,.;:()\n]{3,80}?)(?=\s*[,.;:(]|\s+(?:và|của|tại)\s)")


#: A title ending on a verb that wants its object: "Hội nghị quán triệt" (, triển khai Nghị quyết …).
_VERBS_WANTING_OBJECTS = ("quán triệt", "triển khai", "học tập", "thực hiện", "kiểm tra", "nghiệm thu")


def _past_names(text: str, start: int, end: int, sent, doc_spans) -> int:
    """``end``, or past the document name or the quotation its comma cuts: "Luật Công nghiệp quốc phòng, an
    ninh và động viên công nghiệp" and "Hội thi “Kho kỹ thuật chính quy, an toàn”" hold commas. Only a comma:
    a mention runs on over its date, issuer and subject ("… 08-NQ/TW ngày 26-1-2022 của Bộ Chính trị"), which
    the other stops rightly cut; and not past ``TITLE_NAMED_WORDS``."""
    if doc_spans and text.startswith(",", end):
        i = bisect_left(doc_spans, (start,))
        while i < len(doc_spans) and doc_spans[i][0] < end:
            if doc_spans[i][1] > end and len(text[start:doc_spans[i][1]].split()) <= TITLE_NAMED_WORDS:
                end = min(doc_spans[i][1], sent[1])
            i += 1
    if text.find("“", start, end) >= 0 or text.find('"', start, end) >= 0:  # (rarely: no slice to count in)
        piece = text[start:end]
        if piece.count("“") > piece.count("”") and (close := text.find("”", end, sent[1])) >= 0:
            end = close + 1
        elif piece.count('"') % 2 and (close := text.find('"', end, sent[1])) >= 0:
            end = close + 1
    return end


def law_title(state: ParseState, sent, cue, subject: tuple = ()) -> str | None:
    """"<document> có hiệu lực" when the clause names no subject ("..., có hiệu lực từ ngày 1-7-2025");
    "Quốc hội thông qua <law>" for a law passed (the law named nearest to the verb). ``subject``: what
    ``anaphoric_subject`` found for the sentence (the caller links those documents too)."""
    if cue is not None and cue[2] == "law_passed":
        return _passed_title(state, sent, cue)
    if cue is None or cue[2] != "law_in_force":
        return None
    for doc in state.documents:  # "Luật X, Y và Z có hiệu lực": the subject is the document's name
        if any(sent[0] <= ev.start and 0 <= cue[0] - ev.end <= 3 for ev in (doc.evidence, *doc.mentions)):
            return _in_force((doc,))
    if subject:
        return _in_force(subject)
    clause = clause_of(state.text, sent, cue[0])
    before = state.text[clause[0]:cue[0]].strip()
    if before and not before[0].islower():  # "được Quốc hội thông qua ... và có hiệu lực": subject elided
        return None
    laws = [(ev.end, doc) for doc in state.documents for ev in (doc.evidence, *doc.mentions)
            if sent[0] <= ev.start and ev.end <= cue[0]]
    if laws:  # the document named nearest before the verb
        return _in_force((max(laws, key=lambda x: x[0])[1],))
    return None


def _in_force(docs) -> str:
    return " và ".join(doc.name or doc.symbol or doc.kind for doc in docs) + " có hiệu lực"


#: A bare kind word as a clause's subject: "Nghị định có hiệu lực từ ngày 1/7/2025", "Luật này có hiệu lực …",
#: "Hai Nghị định có hiệu lực thi hành" (a count before it).
_COUNTS = {"hai": 2, "ba": 3, "bốn": 4, "năm": 5}
_BARE_KIND = re.compile(r"(?i:(?:(?P<count>" + "|".join([*_COUNTS, "các"]) + r") )?(?P<word>"
                        + "|".join(sorted((re.escape(w) for w in TYPE_WORDS), key=len, reverse=True))
                        + r"))(?: (?:này|trên|nói trên))?(?: (?:cùng|đều|sẽ|đã|chính thức))*")


def anaphoric_subject(state: ParseState, sent, cue) -> tuple:
    """The documents a bare "Nghị định" / "Luật này" / "Hai Nghị định" before "có hiệu lực" stands for: the
    article's documents of that kind cited before the sentence, most cited first (then the most recently
    issued, then the first cited), as many as the count says (one without a count); () when there are fewer.
    "Các nghị định này": the documents of that kind its paragraph names before it.
    The document named after the verb ("…, thay thế Nghị định số 02/2016/NĐ-CP") is the one replaced, not the
    one taking effect."""
    if cue is None or cue[2] != "law_in_force":
        return ()
    clause = clause_of(state.text, sent, cue[0])
    bare = _BARE_KIND.fullmatch(state.text[clause[0]:cue[0]].strip())
    if bare is None:
        return ()
    kind = TYPE_WORDS[bare.group("word").lower()]
    count = (bare.group("count") or "").lower()
    if count == "các":  # "Các nghị định này": those its paragraph has just named
        line = state.breaks.line_start(sent[0])
        return tuple(doc for doc in state.documents
                     if doc.kind == kind and any(line <= ev.start < sent[0] for ev in doc.mentions))
    wanted = _COUNTS[count] if count else 1
    cited = [(sum(ev.start < sent[0] for ev in doc.mentions), int((doc.issued or "0")[:4]), -i, doc)
             for i, doc in enumerate(state.documents) if doc.kind == kind]
    cited = sorted((c for c in cited if c[0] > 0), key=lambda c: c[:3], reverse=True)
    if len(cited) < wanted:
        return ()
    return tuple(sorted((c[3] for c in cited[:wanted]), key=state.documents.index))  # in the article's order


def _passed_title(state: ParseState, sent, cue) -> str | None:
    laws = [(min(abs(ev.start - cue[1]), abs(cue[0] - ev.end)), doc) for doc in state.documents
            if doc.kind in LAW_KINDS for ev in (doc.evidence, *doc.mentions) if sent[0] <= ev.start < sent[1]]
    if not laws:
        return None
    doc = min(laws, key=lambda x: x[0])[1]
    return f"Quốc hội thông qua {doc.name or doc.symbol}"
