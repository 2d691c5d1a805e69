// description: IMPLEMENTS links into the listed measures of one document, from the lower-level measures implementing them
// params: document:str, ids:list
// example: document=天津市人民政府-2022-05-06, ids=天津市人民政府-2022-05-06:2.1
// Cost: the document plus the page: a unique-key lookup of the document, its measures,
// then only the page's measures ($ids) are expanded.  Pages of measures are annotated
// one document at a time with this rather than by `measures_*` (id list alone), which
// LadybugDB answers by scanning the whole measure table.  No WITH before the IMPLEMENTS
// hop: after one, LadybugDB joins the whole IMPLEMENTS table (50 ms at 20,000 links).
MATCH (:Document {id: $document})-[:HAS_TASK]->(:Task)-[:HAS_MEASURE]->(b:Measure)
WHERE b.id IN $ids
MATCH (b)<-[l:IMPLEMENTS]-(a:Measure)
RETURN a.id AS lower_id, a.document_id AS lower_document_id, a.number AS lower_number,
       a.clause AS lower_clause, a.text AS lower_text,
       b.id AS upper_id, b.document_id AS upper_document_id, b.number AS upper_number,
       b.clause AS upper_clause, b.text AS upper_text, l.score AS score
ORDER BY lower_id, upper_id
