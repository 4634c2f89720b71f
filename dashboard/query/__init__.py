"""Query layer: one ``Filter`` -> parameterised SQL -> DataFrames.

Import everything from here (``from dashboard.query import Filter, events``);
the sub-modules are an implementation detail: ``filter`` (the Filter object and
its SQL/sentence faces), ``frames`` (filtered tables), ``detail`` (single items,
option lists, data quality), ``aggregates`` (SQL aggregations for charts),
``summary`` (what each organisation issued, reviewed and signed per year),
``people`` (the person picker's options and name search),
``materialise`` (a costly filter evaluated once per view), ``convert`` (results
to pandas through Arrow).
"""
from dashboard.query.filter import Filter, fold_sql
from dashboard.query.frames import (articles, documents, event_counts, events, materialised, timeline_events,
                                    year_bounds)
from dashboard.query.detail import (article_detail, data_quality, document_lineage, document_names,
                                    document_options, organisation_options, own_name, search_organisations,
                                    segments)
from dashboard.query.summary import org_year_summary
from dashboard.query.people import match_people, person_options, resolve_person, search_people

__all__ = [
    "Filter", "fold_sql", "events", "timeline_events", "event_counts", "documents", "articles",
    "materialised", "year_bounds", "document_lineage", "article_detail", "segments",
    "organisation_options", "search_organisations", "document_options", "document_names", "own_name", "data_quality",
    "org_year_summary", "person_options", "search_people", "match_people", "resolve_person",
]
