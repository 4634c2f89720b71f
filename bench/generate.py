"""Deterministic synthetic corpus in the samples' genre, for load (not accuracy) benchmarks.

    python -m bench.generate --n 100000 --seed 1 --out /tmp/corpus

Each article looks like data/articles/*: a title line, a header ``Thứ N, DD.MM.YYYY |
HH:MM:SS`` with a view count (some articles have neither, like samples 003 and 004), an
opening event sentence with a day part and a day-month resolved against the header, people
with ranks and positions, policy documents of both symbol grammars (and the press's reversed
form, number-only and plenum mentions, programmes with periods), dates in every form of
DESIGN.md, photo captions that repeat the title, "leftcenterrightdel" debris, a byline, the
URL and the "Từ khóa" trailer. Articles are 2-8 KB of UTF-8.

Determinism: article ``i`` of seed ``s`` depends only on ``random.Random(article_seed(s, i))``:
no clock, no ``hash()`` of strings, no set iteration. So any article can be regenerated alone,
and the same seed gives byte-identical files.
"""
from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import time
import unicodedata
from pathlib import Path

from . import vocab as V

_FIRST_DAY = dt.date(2012, 1, 1).toordinal()
_LAST_DAY = dt.date(2025, 12, 31).toordinal()
_ROMAN = ("I", "II", "III", "IV")
#: Target sizes in bytes: the last paragraph may overshoot by < 1 KB and the trailer adds
#: ~250 bytes, so the result stays within 2-8 KB.
_MIN_BYTES, _MAX_TARGET = 2300, 6600


def article_seed(seed: int, i: int) -> int:
    """Seed of article ``i``: a plain integer formula, stable across processes."""
    return seed * 1_000_003 + i


def article_name(i: int) -> str:
    return f"gen_{i:06d}.txt"


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:]


def _slug(title: str) -> str:
    nfd = unicodedata.normalize("NFD", title.lower().replace("đ", "d"))
    ascii_ = "".join(c for c in nfd if c.isascii() and (c.isalnum() or c == " "))
    return "-".join(ascii_.split())


def _name(rng: random.Random) -> str:
    return f"{rng.choice(V.SURNAMES)} {rng.choice(V.MIDDLES)} {rng.choice(V.GIVENS)}"


class _Article:
    """Builder for one article: holds the rng, the dates and what was already mentioned."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.pub = dt.date.fromordinal(rng.randint(_FIRST_DAY, _LAST_DAY))
        self.event = self.pub - dt.timedelta(days=rng.choice((0, 0, 0, 1, 1, 2)))
        r = rng.random()
        self.has_header, self.has_title = r < 0.75, r < 0.9
        # Visions reach ~15-30 years ahead of the article (2045 appears in the press from ~2017);
        # a year more than 30 years after publication is implausible to the parser, and the press.
        self.vision = ("đến năm 2030, tầm nhìn đến năm 2045" if self.pub.year >= 2016
                       else "đến năm 2020, tầm nhìn đến năm 2030")
        self.orgs = rng.sample(V.ORGS, 3) + [self._extra_org()]
        self.docs = [self._document() for _ in range(rng.randint(1, 4))]
        self.cited: set[int] = set()  # indices of self.docs already cited in full (ints only)
        self.people = [self._person() for _ in range(rng.randint(2, 4))]
        t = rng.choice(V.TITLES)
        y = self.pub.year
        self.title = t.format(org=self.orgs[0][1][0], n=rng.choice((5, 10, 15)), y=y, y2=y + 2)

    # -- vocabulary pieces -------------------------------------------------------------
    def _extra_org(self) -> tuple[str, tuple[str, ...]]:
        rng = self.rng
        kind = rng.randrange(3)
        if kind == 0:
            name = f"Quân khu {rng.choice(V.MILITARY_REGIONS)}"
        elif kind == 1:
            name = f"Nhà máy {rng.choice(V.FACTORIES)}"
        else:
            name = rng.choice(V.ACADEMIES)
        return name, (name,)

    def org(self) -> str:
        """A later (alias) form of one of the article's organisations."""
        return self.rng.choice(self.rng.choice(self.orgs)[1])

    def _person(self) -> tuple[str, str]:
        rng = self.rng
        name = _name(rng)
        if rng.random() < 0.8:
            rank = rng.choice(V.MILITARY_RANKS)
        else:
            rank = rng.choice(V.CIVIL_TITLES)
        pos = rng.choice(V.POSITIONS).format(org=self.org())
        return f"{rank} {name}", pos

    def _issued(self) -> dt.date:
        days = self.rng.randint(60, 15 * 365)
        return max(dt.date(2000, 1, 1), self.event - dt.timedelta(days=days)).replace(
            day=self.rng.randint(1, 28))

    def _document(self) -> tuple[str, str]:
        """(first full mention, later short mention) of a policy document."""
        rng = self.rng
        d = self._issued()
        subj = rng.choice(V.SUBJECTS)
        horizon = rng.choice(("", f" đến năm {d.year + 10} và những năm tiếp theo",
                              f" {self.vision}"))
        kind = rng.randrange(7)
        n = rng.randint(1, 999)
        if kind <= 1:  # Party: 08-NQ/TW
            code, word, issuers = rng.choice(V.PARTY_TYPES)
            issuer = rng.choice(issuers)
            if issuer == "ĐUQSTW" and d.year > 2010:
                issuer = "QUTW"
            sym = f"{n:02d}-{code}/{issuer}"
            prose = rng.choice(V.PARTY_ISSUER_PROSE[issuer])
            full = f"{word} số {sym} ngày {d.day}-{d.month}-{d.year} của {prose} về {subj}{horizon}"
            return full, rng.choice((f"{word} số {sym}", f"{word} {n:02d}"))
        if kind == 2:  # press-reversed Party form: 520/NQ-QUTW
            issuer = rng.choice(("TW", "QUTW"))
            sym = f"{n}/NQ-{issuer}"
            prose = V.PARTY_ISSUER_PROSE[issuer][0]
            return f"Nghị quyết {sym} của {prose} về {subj}{horizon}", f"Nghị quyết {sym}"
        if kind == 3:  # state: 30/2020/NĐ-CP
            code, word, icode, prose = rng.choice(V.STATE_TYPES)
            sym = f"{n}/{d.year}/{code}-{icode}"
            full = f"{word} số {sym} ngày {d.day}/{d.month}/{d.year} của {prose} về {subj}"
            return full, f"{word} số {sym}"
        if kind == 4:  # administrative: 366/QĐ-BQP
            code, word, icode, prose = rng.choice(V.ADMIN_TYPES)
            sym = f"{n}/{code}-{icode}"
            full = f"{word} số {sym} ngày {d.day}-{d.month}-{d.year} của {prose} về {subj}"
            return full, f"{word} số {sym}"
        if kind == 5:  # law: 38/2024/QH15 (term by year)
            term = 13 if d.year <= 2015 else 14 if d.year <= 2020 else 15
            law = rng.choice(V.LAWS)
            return f"{law} số {n % 99 + 1}/{d.year}/QH{term}", law
        y1 = self.pub.year - rng.randint(0, 2)  # programme with a period
        prog = f"Chương trình phối hợp về {rng.choice(V.PROGRAMME_SUBJECTS)} giai đoạn {y1}-{y1 + 2}"
        return f"{prog} và những năm tiếp theo", prog

    def doc(self) -> str:
        """Mention a document: in full the first time, shortened afterwards."""
        rng = self.rng
        if rng.random() < 0.08:
            return f"Nghị quyết Trung ương {rng.randint(4, 12)}"
        k = rng.randrange(len(self.docs))
        if k in self.cited:
            return self.docs[k][1]
        self.cited.add(k)
        return self.docs[k][0]

    def date_phrase(self) -> str:
        """A date expression of any supported form (lower case; callers capitalise)."""
        rng, y = self.rng, self.pub.year - self.rng.randint(0, 3)
        m, d = rng.randint(1, 12), rng.randint(1, 28)
        forms = (
            f"tháng {m}/{y}", f"trong quý {rng.choice(_ROMAN)}/{y}",
            f"6 tháng {rng.choice(('đầu', 'cuối'))} năm {y}", f"năm {y}", f"trong năm {y}",
            f"giai đoạn {y - 2}-{y + 3}", "đến năm 2030", self.vision,
            f"ngày {d}-{m}-{y}", f"ngày {d}/{m}/{y}", f"ngày {d} tháng {m} năm {y}",
            f"trong chiến lược ({y - 12}-{y})", "thời gian tới", f"{rng.randint(2, 15)} năm qua",
        )
        return rng.choice(forms)

    def opener_date(self) -> str:
        rng, e = self.rng, self.event
        part = rng.choice(("Sáng", "Chiều", "Sáng", "Chiều", "Tối", "Trưa"))
        if self.has_header:
            forms = (f"{part} {e.day}-{e.month}", f"{part} ngày {e.day}/{e.month}",
                     f"{part} ngày {e.day}/{e.month}/{e.year}", f"Ngày {e.day}-{e.month}")
        else:
            forms = (f"{part} ngày {e.day}/{e.month}/{e.year}", f"Ngày {e.day}-{e.month}-{e.year}",
                     f"{part} ngày {e.day} tháng {e.month} năm {e.year}", f"{part} {e.day}-{e.month}-{e.year}")
        return rng.choice(forms)

    # -- paragraphs ----------------------------------------------------------------------
    def opener(self) -> str:
        rng, when = self.rng, self.opener_date()
        org1, org2 = self.orgs[0][0], self.orgs[1][0]
        place = rng.choice(V.PLACES)
        kind = rng.randrange(7)
        if kind == 0:
            return (f"{when}, {org1} tổ chức Hội nghị {rng.choice(('tổng kết', 'sơ kết'))} "
                    f"{rng.choice((5, 10, 15))} năm thực hiện {self.doc()}.")
        if kind == 1:
            p = self.people[0][0]
            return f"{when}, tại {place}, {p}, {self.people[0][1]} đã làm việc với {org1}."
        if kind == 2:
            y1 = self.pub.year
            return (f"{when}, {org1} và {org2} tổ chức hội nghị ký kết Chương trình phối hợp về "
                    f"{rng.choice(V.PROGRAMME_SUBJECTS)} giai đoạn {y1}-{y1 + 2}.")
        if kind == 3:
            return f"{when}, Đảng ủy {org1} tổ chức hội nghị học tập, quán triệt {self.doc()}."
        if kind == 4:
            return f"{when}, {self.people[0][0]} đã đến thăm và kiểm tra {self.orgs[3][0]}."
        if kind == 5:
            return f"{when}, tại {place}, {org1} khai mạc Triển lãm sản phẩm công nghiệp quốc phòng năm {self.pub.year}."
        return (f"{when}, {org1} long trọng tổ chức Lễ kỷ niệm {rng.choice((30, 45, 50, 60, 75))} năm "
                f"Ngày truyền thống ({self.pub.year - 50}-{self.pub.year}) và đón nhận Huân chương.")

    def participants(self) -> str:
        (p0, pos0), (p1, pos1) = self.people[0], self.people[1]
        s = f"{p0}, {pos0} dự và phát biểu chỉ đạo. Cùng dự có {p1}, {pos1}"
        if len(self.people) > 2:
            s += f"; {self.people[2][0]}, {self.people[2][1]}"
        return s + "; đại biểu một số cơ quan chức năng Bộ Quốc phòng."

    def sentence(self) -> str:
        t = self.rng.choice(V.SENTENCES)
        rng = self.rng
        s = t.format(org=self.org(), d=self.date_phrase() if "{d}" in t else "",
                     doc=self.doc() if "{doc}" in t else "", n=rng.randint(2, 15),
                     x=f"{rng.randint(1, 99)},{rng.randint(1, 9)}", p=rng.randint(80, 100))
        return _cap(s)

    def caption(self) -> str:
        rng = self.rng
        if rng.random() < 0.5:
            text = f"{rng.choice(self.people)[0]} phát biểu tại hội nghị."
        else:
            text = rng.choice(V.CAPTIONS)
        head = self.title if self.has_title and rng.random() < 0.6 else "leftcenterrightdel"
        return f"{head}\n {text}"

    def trailer(self) -> list[str]:
        rng = self.rng
        k = rng.randrange(3)
        if k == 0:
            byline = f"Tin, ảnh: {rng.choice(V.BYLINE_NAMES)}"
        elif k == 1:
            a, b = rng.sample(V.BYLINE_NAMES, 2)
            byline = f"{a.title()} - {b.title()}/Qdnd.vn"
        else:
            byline = rng.choice(V.BYLINE_NAMES).title()
        if not self.has_header:
            return [byline]
        url = f"https://www.qdnd.vn/quoc-phong-an-ninh/tin-tuc/{_slug(self.title)}-{rng.randint(100000, 999999)}"
        return [byline, "\nTheo qdnd.vn", url, "  • Từ khóa"]

    def render(self) -> str:
        rng, pub = self.rng, self.pub
        out: list[str] = []
        if self.has_title:
            out.append(self.title)
        if self.has_header:
            wd = "Chủ nhật" if pub.weekday() == 6 else f"Thứ {pub.weekday() + 2}"
            clock = f"{rng.randint(6, 22):02d}:{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d}"
            out.append(f"{wd}, {pub.day:02d}.{pub.month:02d}.{pub.year} | {clock}\n{rng.randint(50, 5000)} lượt xem")
        out += [self.opener(), self.participants()]
        if not self.cited:  # every article cites at least one numbered document in full
            self.cited.add(0)
            out.append(f"Trên cơ sở quán triệt {self.docs[0][0]}, {self.org()} đã chủ động tham mưu, "
                       f"đề xuất nhiều giải pháp đột phá.")
        target = rng.randint(_MIN_BYTES, _MAX_TARGET)
        size = sum(len(p.encode()) for p in out)
        while size < target:
            para = " ".join(self.sentence() for _ in range(rng.randint(2, 4)))
            if rng.random() < 0.35:
                para = f"{para}\n\n{self.caption()}"
            out.append(para)
            size += len(para.encode()) + 2
        out += self.trailer()
        return "\n\n".join(out) + "\n"


def generate_article(i: int, rng: random.Random | None = None, seed: int = 1) -> str:
    """Text of article ``i``; ``rng`` defaults to ``random.Random(article_seed(seed, i))``."""
    return _Article(rng or random.Random(article_seed(seed, i))).render()


def iter_corpus(n: int, seed: int = 1):
    """Yield ``(file name, text)`` for articles 0..n-1 of ``seed`` (in memory, no files)."""
    for i in range(n):
        yield article_name(i), generate_article(i, random.Random(article_seed(seed, i)))


def write_corpus(n: int, seed: int, out: Path) -> Path:
    """Write ``n`` articles as UTF-8 files under ``out`` (created); returns ``out``."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    for name, text in iter_corpus(n, seed):
        with open(out / name, "wb") as fh:
            fh.write(text.encode("utf-8"))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.generate", description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=1000, help="number of articles (default 1000)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", type=Path, required=True, help="folder to write (use /tmp, not the repo)")
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    write_corpus(args.n, args.seed, args.out)
    print(f"wrote {args.n} articles to {args.out} in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
