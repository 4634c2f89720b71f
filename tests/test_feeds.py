"""A large JSON Lines feed is read in parts that the workers share (dashboard/feeds.py).

Reading it in parts must give the store that reading it whole gives: the same
rows, the same ``feed.jsonl#n`` names, the same quarantine and duplicates; and
the size limit applies to each line, not to the feed.
"""
from __future__ import annotations

import json
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dashboard import feed_cuts, feeds
from dashboard.store.ingest import ingest
from test_store import ROOT, assert_consistent, counts, query, snap


def _records(samples_dir, n: int) -> list[str]:
    """``n`` distinct JSON lines built from the sample articles (a numbered note makes each unique)."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(samples_dir.iterdir())]
    out = []
    for i in range(n):
        title, _, body = texts[i % len(texts)].partition("\n")
        out.append(json.dumps({"title": f"{title} ({i})", "text": f"{body}\nGhi chú số {i} của tòa soạn.",
                               "url": f"https://example.vn/{i}", "published": "2023-11-22"}, ensure_ascii=False))
    return out


def _write(path, lines: list[str]) -> None:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.fixture()
def small_parts(monkeypatch):
    """Cut feeds above 4 KB into parts of ~8 KB (about two sample articles), so small feeds have many parts."""
    monkeypatch.setattr(feeds, "SPLIT_BYTES", 4096)
    monkeypatch.setattr(feeds, "PART_BYTES", 8192)


def _whole(monkeypatch):
    monkeypatch.setattr(feeds, "SPLIT_BYTES", 10 ** 12)


def _ledger(db):
    return sorted(query(db, "SELECT path, status, article_id FROM input_files"))


def test_feeds_parts_give_the_store_reading_the_feed_whole_gives(tmp_path, samples_dir, small_parts, monkeypatch):
    lines = _records(samples_dir, 30)
    lines[20] = lines[1]  # the same article again, in another part: a duplicate, stored once
    lines.insert(12, "")  # blank lines are not records but count in the numbering
    lines.insert(25, '{"title": "hỏng", "text": ')  # invalid JSON in a later part
    feed = tmp_path / "feed.jsonl"
    _write(feed, lines)
    planned = feeds.plan(feed, 5 * 1024 * 1024)
    assert planned is not None and len(planned[1]) >= 5
    assert [p.first_record for p in planned[1]][0] == 1 and planned[1][-1].last_record == len(lines)

    # Parts across batches of 5 records, in a pool of two real worker processes. In a process of its own:
    # after the AppTest tests, this one's __main__ is the Streamlit script, which a new worker would run.
    child = ("import sys; from dashboard import feeds; feeds.SPLIT_BYTES, feeds.PART_BYTES = 4096, 8192\n"
             "from dashboard.store.ingest import ingest\n"
             "s = ingest([sys.argv[1]], sys.argv[2], workers=2, batch_files=5)\n"
             "print(s.added, s.duplicates, s.quarantined)")
    proc = subprocess.run([sys.executable, "-c", child, str(feed), str(tmp_path / "parts.duckdb")], cwd=ROOT,
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-800:]
    in_parts = tuple(map(int, proc.stdout.split()))
    _whole(monkeypatch)
    whole = ingest([feed], tmp_path / "whole.duckdb", workers=1)

    assert snap(tmp_path / "parts.duckdb") == snap(tmp_path / "whole.duckdb")
    assert _ledger(tmp_path / "parts.duckdb") == _ledger(tmp_path / "whole.duckdb")
    assert in_parts == (whole.added, whole.duplicates, whole.quarantined) == (29, 1, 1)
    # The names are the lines of the whole file, wherever the part boundaries fell.
    assert query(tmp_path / "parts.duckdb", "SELECT path, reason FROM ingest_errors") == [
        (f"{feed}#26", "invalid_json")]
    dup = query(tmp_path / "parts.duckdb", "SELECT path FROM input_files WHERE status = 'duplicate'")
    assert dup == [(f"{feed}#22",)]  # line 21 of the list, after the blank line inserted at 12
    assert query(tmp_path / "parts.duckdb", "SELECT count(DISTINCT file_hash) FROM input_files") == [(1,)]
    assert_consistent(tmp_path / "parts.duckdb")


@pytest.mark.parametrize("shape", ["bom", "crlf", "no_final_newline", "control_characters"])
def test_feeds_parts_match_the_whole_file_for_odd_shapes(tmp_path, samples_dir, small_parts, monkeypatch, shape):
    lines = _records(samples_dir, 30)
    if shape == "control_characters":  # raw control characters in JSON strings, past the binary sniff
        lines[15:15] = ['{"text": "' + "a\x01b\x02c\x03d\x04" * 50 + '"}'] * 3
    sep = "\r\n" if shape == "crlf" else "\n"
    data = (sep.join(lines) + ("" if shape == "no_final_newline" else sep)).encode("utf-8")
    feed = tmp_path / f"{shape}.jsonl"
    feed.write_bytes(b"\xef\xbb\xbf" + data if shape == "bom" else data)
    assert len(feeds.plan(feed, 5 * 1024 * 1024)[1]) >= 5
    in_parts = ingest([feed], tmp_path / "parts.duckdb", workers=1)
    _whole(monkeypatch)
    whole = ingest([feed], tmp_path / "whole.duckdb", workers=1)
    assert snap(tmp_path / "parts.duckdb") == snap(tmp_path / "whole.duckdb")  # encodings and warnings included
    assert _ledger(tmp_path / "parts.duckdb") == _ledger(tmp_path / "whole.duckdb")
    assert (in_parts.added, in_parts.quarantined) == (whole.added, whole.quarantined) == (
        30, 3 if shape == "control_characters" else 0)


def test_feeds_over_the_size_limit_is_read_and_only_a_line_over_it_is_quarantined(tmp_path, samples_dir,
                                                                                   small_parts):
    lines = _records(samples_dir, 12)
    long = json.loads(lines[6])
    long["text"] += " Thêm nữa." * 3000  # ~30 KB on one line
    lines[6] = json.dumps(long, ensure_ascii=False)
    feed = tmp_path / "feed.jsonl"
    _write(feed, lines)
    limit = 20_000
    assert feed.stat().st_size > 3 * limit
    s = ingest([feed], tmp_path / "s.duckdb", workers=1, max_bytes=limit)
    assert s.added == 11 and s.quarantined == 1
    [(path, reason, detail)] = query(tmp_path / "s.duckdb", "SELECT path, reason, detail FROM ingest_errors")
    assert (path, reason) == (f"{feed}#7", "too_large") and "--max-bytes" in detail
    assert_consistent(tmp_path / "s.duckdb")


def test_feeds_unchanged_feed_is_skipped_and_an_edited_one_matches_a_fresh_ingest(tmp_path, samples_dir,
                                                                                  small_parts):
    lines = _records(samples_dir, 24)
    feed = tmp_path / "feed.jsonl"
    _write(feed, lines)
    db = tmp_path / "s.duckdb"
    first = ingest([feed], db, workers=1, batch_files=4)
    assert first.added == 24
    again = ingest([feed], db, workers=1, batch_files=4)
    assert (again.unchanged, again.added, again.updated) == (24, 0, 0)

    extra = _records(samples_dir, 26)[24:]
    edited = json.loads(lines[10])
    edited["text"] += " Đã sửa."
    # Lines 4-6 and 21-24 dropped, line 11 edited, two lines added, and line 1 again at the end (a duplicate
    # of an article the old version had too: stored once, not replaced by its second copy). The new feed
    # is shorter: the ledger rows of its old last lines must go.
    new = lines[:3] + lines[6:10] + [json.dumps(edited, ensure_ascii=False)] + lines[11:20] + extra + [lines[0]]
    assert len(new) < len(lines)
    _write(feed, new)
    s = ingest([feed], db, workers=1, batch_files=4)
    # Lines 1-3 kept their place and content: found as stored, not parsed again; the rest moved or changed.
    # Records are matched by line: every line of the shorter feed named an article before, so none is "added".
    assert (s.unchanged, s.updated, s.added, s.duplicates) == (3, len(new) - 1 - 3, 0, 1)
    fresh = tmp_path / "fresh.duckdb"
    ingest([feed], fresh, workers=1)
    assert snap(db) == snap(fresh)  # the three dropped lines' and the edited line's old articles are gone
    assert _ledger(db) == _ledger(fresh)
    assert counts(db)["articles"] == len(new) - 1
    assert_consistent(db)


def test_feeds_a_grown_feed_parses_only_its_new_and_changed_records(tmp_path, samples_dir, small_parts):
    """A daily feed that grows by appending: the second run parses what is new, not the whole feed."""
    lines = _records(samples_dir, 30)
    feed = tmp_path / "daily.jsonl"
    _write(feed, lines[:24])
    db = tmp_path / "s.duckdb"
    ingest([feed], db, workers=1)
    changed = json.loads(lines[4])
    changed["source"] = "qdnd.vn"  # not part of the article id: the record must still be read again
    grown = lines[:4] + [json.dumps(changed, ensure_ascii=False)] + lines[5:]
    _write(feed, grown)
    s = ingest([feed], db, workers=1, batch_files=4)
    # Line 5 changed (updated); lines 25-30 are new lines (added, not "updated": they named nothing before).
    assert (s.unchanged, s.updated, s.added, s.quarantined) == (23, 1, 6, 0)
    fresh = tmp_path / "fresh.duckdb"
    ingest([feed], fresh, workers=1)
    assert snap(db) == snap(fresh)
    assert _ledger(db) == _ledger(fresh)
    assert query(db, "SELECT source FROM articles WHERE path = ?", [f"{feed}#5"]) == [("qdnd.vn",)]
    assert_consistent(db)
    # --force parses everything again, found as stored or not.
    forced = ingest([feed], db, workers=1, force=True)
    assert (forced.unchanged, forced.updated) == (0, 30)
    assert snap(db) == snap(fresh)


def test_feeds_a_run_stopped_between_parts_leaves_every_article_named_by_the_ledger(tmp_path, samples_dir,
                                                                                 small_parts):
    """The committed state of a run killed between two parts, built with ingest's own steps, then completed.

    Lines 6-15 were dropped, so the first parts write other content at their line numbers: the articles
    only the replaced ledger rows named must go in the same transaction (a killed run used to leave them
    named by nothing, for good: the next run no longer knew them).
    """
    from dashboard.store.db import connect
    from dashboard.store.fingerprint import extractor_fingerprint
    from dashboard.store.ingest import _stored_records, _work_items
    from dashboard.store.worker import parse_files
    from dashboard.store.write import write_batch

    lines = _records(samples_dir, 40)
    feed = tmp_path / "feed.jsonl"
    _write(feed, lines[:30])
    db = tmp_path / "s.duckdb"
    ingest([feed], db, workers=1)
    new = lines[:5] + lines[15:40]
    _write(feed, new)
    con = connect(db)
    try:
        [(known_hash,)] = con.execute("SELECT any_value(file_hash) FROM input_files").fetchall()
        items = _work_items([(str(feed), known_hash)], 5 * 1024 * 1024, lambda name: _stored_records(con, name))
        assert len(items) >= 5
        known = {r[0] for r in con.execute("SELECT article_id FROM articles").fetchall()}
        state: dict = {}
        for item in items[:3]:  # one transaction per part, then the "kill"
            write_batch(con, parse_files([item]), known, extractor_fingerprint(), None, state)
    finally:
        con.close()
    assert_consistent(db)
    assert query(db, "SELECT count(*) FROM input_files WHERE file_hash IS NULL")[0][0] > 0  # stopped mid-feed
    again = ingest([feed], db, workers=1)
    assert again.unchanged < len(new)  # read again, not taken as done
    fresh = tmp_path / "fresh.duckdb"
    ingest([feed], fresh, workers=1)
    assert snap(db) == snap(fresh)
    assert_consistent(db)


def test_feeds_not_utf8_is_read_whole_as_before(tmp_path, samples_dir, small_parts):
    lines = _records(samples_dir, 6)
    feed = tmp_path / "feed.jsonl"
    feed.write_bytes(("\n".join(lines) + "\n").encode("utf-16"))  # a '\n' byte is not a line break here
    assert feeds.plan(feed, 5 * 1024 * 1024) is None
    s = ingest([feed], tmp_path / "s.duckdb", workers=1)
    assert s.added == 6 and s.quarantined == 0
    s = ingest([feed], tmp_path / "small.duckdb", workers=1, max_bytes=10_000)
    assert s.quarantined == 1  # the whole file, over the limit, as for any file read whole
    assert query(tmp_path / "small.duckdb", "SELECT path, reason FROM ingest_errors") == [(str(feed), "too_large")]


def test_feeds_extract_command_reads_a_feed_in_parts_as_it_reads_it_whole(tmp_path, samples_dir, small_parts,
                                                                          monkeypatch, capsys):
    from dashboard.cli import main

    lines = _records(samples_dir, 12)
    lines.insert(4, "")
    feed = tmp_path / "feed.jsonl"
    _write(feed, lines)
    assert len(feeds.plan(feed, 5 * 1024 * 1024)[1]) >= 5
    assert main(["extract", str(feed), "--format", "jsonl"]) == 0
    in_parts = capsys.readouterr().out.splitlines()
    _whole(monkeypatch)
    assert main(["extract", str(feed), "--format", "jsonl"]) == 0
    assert in_parts == capsys.readouterr().out.splitlines()
    paths = [json.loads(x)["article"]["path"] for x in in_parts]
    assert paths == [f"{feed}#{n}" for n in (1, 2, 3, 4, 6, 7, 8, 9, 10, 11, 12, 13)]
    assert all(json.loads(x)["events"] for x in in_parts[:3])  # parsed, not just listed


def test_feeds_extract_command_reads_a_feed_over_5_mb(tmp_path, samples_dir):
    """Through the real command and its real limits: a 5.5 MB feed was one too_large line."""
    lines = _records(samples_dir, 1100)
    feed = tmp_path / "feed.jsonl"
    _write(feed, lines)
    assert feed.stat().st_size > 5 * 1024 * 1024
    proc = subprocess.run([sys.executable, "-m", "dashboard", "extract", str(feed), "--format", "jsonl"],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-500:]
    out = [json.loads(x) for x in proc.stdout.splitlines()]
    assert [x["article"]["path"] for x in out] == [f"{feed}#{n}" for n in range(1, 1101)]
    assert not any("too_large" in w for x in out for w in x["warnings"])


# JSON arrays (a scraper's .json export): cut between elements.

_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(alphabet=st.sampled_from('ab ,[]{}":\\\\\n\tđ\u1ec7\U0001f600'), max_size=12),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner, max_size=4),
    max_leaves=12)


@settings(max_examples=300, deadline=None)
@given(st.lists(_JSON, min_size=1, max_size=6), st.sampled_from([None, 0, 2]), st.booleans(), st.booleans())
def test_feeds_array_spans_slice_out_each_element(values, indent, ascii_only, bom):
    """Strings holding brackets, commas, quotes and backslashes must not move a cut."""
    text = json.dumps(values, indent=indent, ensure_ascii=ascii_only)
    data = (b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8") + b"\n"
    spans = feed_cuts.array_spans(data)
    assert spans is not None and [n for _s, _e, n in spans] == list(range(1, len(values) + 1))
    assert [json.loads(data[s:e]) for s, e, _n in spans] == values


@settings(max_examples=200, deadline=None)
@given(st.lists(_JSON, min_size=1, max_size=5), st.sampled_from(["articles", "items", "records", "data"]),
       st.dictionaries(st.sampled_from(["status", "total", "meta", "next"]), _JSON, max_size=3),
       st.sampled_from([None, 1]))
def test_feeds_array_spans_find_the_records_in_a_wrapper_object(values, key, others, indent):
    """{"status": ..., "articles": [...], "meta": {...}}: the list json_records would read, element by element."""
    text = json.dumps({**others, key: values, "after": [1, {"articles": "no"}]}, indent=indent, ensure_ascii=False)
    data = text.encode("utf-8")
    spans = feed_cuts.array_spans(data)
    assert spans is not None and [json.loads(data[s:e]) for s, e, _n in spans] == values


@pytest.mark.parametrize("text, chosen", [
    ('{"articles": 5, "items": [{"t": 1}, {"t": 2}]}', [{"t": 1}, {"t": 2}]),  # the first key holding a list
    ('{"data": [1], "records": [2, 3]}', [2, 3]),  # the order of preference, not of the file
])
def test_feeds_array_spans_choose_the_list_json_records_would(text, chosen):
    data = text.encode()
    assert [json.loads(data[s:e]) for s, e, _n in feed_cuts.array_spans(data)] == chosen


@pytest.mark.parametrize("text", ["[]", " [ ] ", '{"articles": []}', '[{"text": "x"}] trailing', '[{"text": "x"}',
                                  '"just a string"', '{"text": "x", "articles": [{"text": "y"}]}',
                                  '{"articles": [{"a": 1}], "articles": [{"b": 2}]}', '{"title": "one article"}',
                                  '{"articles": [{"a": 1}]'])
def test_feeds_array_spans_refuse_what_is_not_one_nonempty_list_of_records(text):
    assert feed_cuts.array_spans(text.encode()) is None  # read whole: that reports what it is


def _array_feed(samples_dir, n: int, compact: bool = False) -> list[str]:
    items = [json.loads(x) for x in _records(samples_dir, n)]
    for i, item in enumerate(items):  # nested values and strings that look like JSON structure
        item["tags"] = ["quốc phòng", f'"{i}", [x], {{y}}', {"k": [1, 2, {"z": "]"}]}]
    sep = "," if compact else ",\n"
    return [json.dumps(x, ensure_ascii=False, separators=(",", ":") if compact else None) for x in items], sep


@pytest.mark.parametrize("compact", [False, True])
def test_feeds_json_array_in_parts_gives_the_store_reading_it_whole(tmp_path, samples_dir, small_parts,
                                                                     monkeypatch, compact):
    elements, sep = _array_feed(samples_dir, 30, compact)
    elements[7] = "42"  # not an object: quarantined as such, both ways
    elements[20] = elements[3]  # a duplicate in another part
    feed = tmp_path / "export.json"
    feed.write_text("[" + ("" if compact else "\n") + sep.join(elements) + ("" if compact else "\n") + "]",
                    encoding="utf-8")
    planned = feeds.plan(feed, 5 * 1024 * 1024)
    assert planned is not None and len(planned[1]) >= 5 and planned[1][-1].last_record == 30
    in_parts = ingest([feed], tmp_path / "parts.duckdb", workers=1, batch_files=4)
    _whole(monkeypatch)
    whole = ingest([feed], tmp_path / "whole.duckdb", workers=1)
    assert snap(tmp_path / "parts.duckdb") == snap(tmp_path / "whole.duckdb")
    assert _ledger(tmp_path / "parts.duckdb") == _ledger(tmp_path / "whole.duckdb")
    assert (in_parts.added, in_parts.duplicates, in_parts.quarantined) == (
        whole.added, whole.duplicates, whole.quarantined) == (28, 1, 1)
    assert query(tmp_path / "parts.duckdb", "SELECT path, reason FROM ingest_errors") == [
        (f"{feed}#8", "not_an_object")]


def test_feeds_json_array_over_the_limit_is_read_and_a_bad_element_is_quarantined_alone(tmp_path, samples_dir,
                                                                                        small_parts):
    elements, sep = _array_feed(samples_dir, 12)
    big = json.loads(elements[5])
    big["text"] += " Thêm nữa." * 3000
    elements[5] = json.dumps(big, ensure_ascii=False)
    elements[9] = '{"title": "hỏng", "text": tru}'  # invalid: read whole, this quarantined the whole file
    feed = tmp_path / "export.json"
    feed.write_text("[\n" + sep.join(elements) + "\n]\n", encoding="utf-8")
    s = ingest([feed], tmp_path / "s.duckdb", workers=1, max_bytes=20_000)
    assert s.added == 10 and s.quarantined == 2
    assert query(tmp_path / "s.duckdb", "SELECT path, reason FROM ingest_errors ORDER BY path") == [
        (f"{feed}#10", "invalid_json"), (f"{feed}#6", "too_large")]
    again = ingest([feed], tmp_path / "s.duckdb", workers=1, max_bytes=20_000)
    assert (again.unchanged, again.quarantined, again.added) == (10, 2, 0)
    assert_consistent(tmp_path / "s.duckdb")


def test_feeds_json_wrapper_object_in_parts_gives_the_store_reading_it_whole(tmp_path, samples_dir, small_parts,
                                                                            monkeypatch):
    elements, sep = _array_feed(samples_dir, 12)
    feed = tmp_path / "api.json"
    feed.write_text('{"status": "ok", "totalResults": 12, "articles": [' + sep.join(elements) + '], "page": 1}',
                    encoding="utf-8")
    assert len(feeds.plan(feed, 5 * 1024 * 1024)[1]) >= 3
    in_parts = ingest([feed], tmp_path / "parts.duckdb", workers=1, max_bytes=20_000)  # the file is over it
    _whole(monkeypatch)
    whole = ingest([feed], tmp_path / "whole.duckdb", workers=1)
    assert (in_parts.added, whole.added, in_parts.quarantined) == (12, 12, 0)
    assert snap(tmp_path / "parts.duckdb") == snap(tmp_path / "whole.duckdb")
    assert _ledger(tmp_path / "parts.duckdb") == _ledger(tmp_path / "whole.duckdb")


def test_feeds_json_without_a_list_of_records_is_read_whole(tmp_path, samples_dir, small_parts):
    elements, _sep = _array_feed(samples_dir, 1)
    one = json.loads(elements[0])
    one["text"] += " Thêm nữa." * 1000  # one large article: nothing to cut
    feed = tmp_path / "one.json"
    feed.write_text(json.dumps(one, ensure_ascii=False), encoding="utf-8")
    assert feeds.plan(feed, 5 * 1024 * 1024) is None
    assert ingest([feed], tmp_path / "s.duckdb", workers=1).added == 1
    assert ingest([feed], tmp_path / "t.duckdb", workers=1, max_bytes=5_000).quarantined == 1  # too_large, whole
