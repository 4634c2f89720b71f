"""Reports: PNG, PDF and offline HTML of the current filtered view."""
