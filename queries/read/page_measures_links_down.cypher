// description: IMPLEMENTS links into a page of measures, by their ids, from the lower-level measures implementing them
// params: ids:list
// example: ids=天津市人民政府-2022-05-06:2.1
// Cost: the page only (one primary-key lookup per id, then an optional hop: see page_measures_units).
UNWIND $ids AS id
MATCH (b:Measure {id: id})
OPTIONAL MATCH (b)<-[l:IMPLEMENTS]-(a:Measure)
WITH a, l, b
WHERE a IS NOT NULL
RETURN a.id AS lower_id, a.document_id AS lower_document_id, a.number AS lower_number,
       a.clause AS lower_clause, a.text AS lower_text,
       b.id AS upper_id, b.document_id AS upper_document_id, b.number AS upper_number,
       b.clause AS upper_clause, b.text AS upper_text, l.score AS score
ORDER BY lower_id, upper_id
