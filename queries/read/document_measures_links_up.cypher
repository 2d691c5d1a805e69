// description: IMPLEMENTS links from the listed measures of one document up to the higher-level measures they implement
// params: document:str, ids:list
// example: document=西青区人民政府-2022-07-27, ids=西青区人民政府-2022-07-27:7.1
// Cost: the document plus the page: a unique-key lookup of the document, its measures,
// then only the page's measures ($ids) are expanded.  Pages of measures are annotated
// one document at a time with this rather than by `measures_*` (id list alone), which
// LadybugDB answers by scanning the whole measure table.  No WITH before the IMPLEMENTS
// hop: after one, LadybugDB joins the whole IMPLEMENTS table (50 ms at 20,000 links).
MATCH (:Document {id: $document})-[:HAS_TASK]->(:Task)-[:HAS_MEASURE]->(a:Measure)
WHERE a.id IN $ids
MATCH (a)-[l:IMPLEMENTS]->(b:Measure)
RETURN a.id AS lower_id, a.document_id AS lower_document_id, a.number AS lower_number,
       a.clause AS lower_clause, a.text AS lower_text,
       b.id AS upper_id, b.document_id AS upper_document_id, b.number AS upper_number,
       b.clause AS upper_clause, b.text AS upper_text, l.score AS score
ORDER BY lower_id, upper_id
