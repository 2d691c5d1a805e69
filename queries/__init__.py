"""The read layer: one typed function over a store per answer people ask for.

    from queries.units import resolve_unit, unit_detail
    from queries.ownership import obligations, MeasureFilter
    answer = obligations(store, "区财政局", MeasureFilter(due_before="2022-09-30"))

The ``.cypher`` files under ``queries/read|write|schema`` are data, read by
``graph.registry``; the Python modules here compose those named reads into the answers
(``queries.answers`` declares their shapes).  Everything above -- the API routes, the
pages, the reports (ledger, calendar, quality) and the pyvis export -- calls these
functions; nothing here knows about HTTP.
"""
