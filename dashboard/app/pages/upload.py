"""Upload page: add articles from the browser through the same ingest as the CLI.

Rules live in ``dashboard.app.uploads`` (size cap, allowed types, safe names
that never leave the upload folder). Refused files get a message and change
nothing; accepted files are written to the upload folder, ingested, and every
cache is dropped so all pages show the new store.
"""
from __future__ import annotations

import os

import streamlit as st

from dashboard import warning_text
from dashboard.app import data, uploads
from dashboard.app.labels import tr

view = st.session_state["view"]
lang = view.lang
st.caption(tr("upload_intro", lang, mb=uploads.MAX_MB))
# No ``type=`` on purpose: Streamlit would raise on a wrong extension (an error page
# for a crafted request); uploads.check refuses it with a message of ours instead.
files = st.file_uploader(tr("upload_help", lang), accept_multiple_files=True, max_upload_size=uploads.MAX_MB,
                         key="upload_files")


def _ingest(files) -> list[tuple[str, str]]:
    """Check, save and ingest; return (level, message) per file for the next run to show."""
    results, saved = [], {}
    for file in files:
        verdict = uploads.check(file.name, file.size)
        name = f"`{verdict.name}`"  # safe_name leaves no backtick, so this stays literal
        if not verdict.ok:
            size = f"{file.size / 1024 / 1024:.1f}"
            results.append(("error", tr(verdict.reason, lang, name=name, size=size, mb=uploads.MAX_MB)))
            continue
        path = uploads.save(data.uploads_dir(), verdict.name, file.getvalue())
        saved[str(path)] = name
    if not saved:
        return results + [("warning", tr("upload_nothing", lang))]
    summary = data.ingest_files(list(saved))
    reasons: dict[str, str] = {}
    for path, reason, _detail in summary.errors:  # the first reason per file ("#n": a record of a JSON file)
        reasons.setdefault(os.path.abspath(str(path).split("#")[0]), reason)
    records = {os.path.abspath(p): counts for p, counts in summary.file_records.items()}
    for path, name in saved.items():
        key = os.path.abspath(path)
        stored, quarantined = records.get(key, (0, 0))
        why = warning_text.reason(reasons.get(key), lang)
        if not quarantined:
            results.append(("success", tr("upload_ok", lang, name=name)))
        elif not stored:
            results.append(("error", tr("upload_failed", lang, name=name, reason=why)))
        else:  # a feed with some bad records: the rest is in, and the page must not say "not ingested"
            results.append(("warning", tr("upload_partly", lang, name=name, stored=stored,
                                          quarantined=quarantined, reason=why)))
    results.append(("info", tr("upload_summary", lang, articles=summary.articles_total,
                               events=summary.events, documents=summary.documents)))
    return results


if files and st.button(tr("upload_button", lang), key="upload_go", type="primary", icon=":material/upload:"):
    st.session_state["upload_results"] = _ingest(files)
    st.rerun()  # the sidebar and counts above were drawn from the old store
for level, message in st.session_state.get("upload_results", []):
    getattr(st, level)(message)
