"""Reports: PNG, PDF and offline HTML of the current filtered view.

``build_report(con, f, lang, fmt) -> bytes`` is what the app's download control
and the ``report`` command call; ``write_report`` picks the format from a file
suffix. ``compose`` builds the self-contained HTML page around ``shell`` (sizes,
CSS, plotly.js), ``render`` owns the one headless Chromium that prints it (PDF)
or photographs it (PNG), ``output`` checks output names and folders.

Names are imported on first use (PEP 562), so ``dashboard.report.render`` can
start Chromium before pandas and plotly are imported.
"""
from __future__ import annotations

import importlib

_EXPORTS = {
    "FORMATS": "output", "MIME_TYPES": "output", "format_for": "output",
    "PNG_WIDTH": "report", "build_report": "report", "compose_report": "report",
    "filter_sentence": "report", "report_filename": "report", "write_report": "report",
    "RenderError": "render", "get_renderer": "render", "shutdown": "render",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    if name not in _EXPORTS:
        raise AttributeError(f"module 'dashboard.report' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"dashboard.report.{_EXPORTS[name]}"), name)
    globals()[name] = value
    return value
