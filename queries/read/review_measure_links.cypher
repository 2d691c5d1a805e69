// description: Measure links to review: every Measure IMPLEMENTS Measure edge (of one document, lower or upper side, or all) with both measures' document, number and text and the link's method, score, is_primary and evidence
// params: document:str=
// example: document=西青区人民政府-2022-07-27
MATCH (a:Measure)-[l:IMPLEMENTS]->(b:Measure)
WHERE $document = '' OR a.document_id = $document OR b.document_id = $document
MATCH (da:Document {id: a.document_id})
MATCH (db:Document {id: b.document_id})
RETURN a.id AS lower_id, a.document_id AS lower_document_id, da.title AS lower_document_title,
       da.doc_number AS lower_doc_number, a.number AS lower_number, a.clause AS lower_clause, a.text AS lower_text,
       b.id AS upper_id, b.document_id AS upper_document_id, db.title AS upper_document_title,
       db.doc_number AS upper_doc_number, b.number AS upper_number, b.clause AS upper_clause, b.text AS upper_text,
       l.method AS method, l.score AS score, coalesce(l.is_primary, true) AS is_primary,
       coalesce(l.evidence, '') AS evidence
ORDER BY lower_id, upper_id
