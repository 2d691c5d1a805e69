// description: IMPLEMENTS links from a page of measures, by their ids, up to the higher-level measures they implement
// params: ids:list
// example: ids=西青区人民政府-2022-07-27:7.1
// Cost: the page only (one primary-key lookup per id, then an optional hop: see page_measures_units).
UNWIND $ids AS id
MATCH (a:Measure {id: id})
OPTIONAL MATCH (a)-[l:IMPLEMENTS]->(b:Measure)
WITH a, l, b
WHERE b IS NOT NULL
RETURN a.id AS lower_id, a.document_id AS lower_document_id, a.number AS lower_number,
       a.clause AS lower_clause, a.text AS lower_text,
       b.id AS upper_id, b.document_id AS upper_document_id, b.number AS upper_number,
       b.clause AS upper_clause, b.text AS upper_text, l.score AS score
ORDER BY lower_id, upper_id
