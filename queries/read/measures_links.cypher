// description: IMPLEMENTS links touching a list of measures (lower-level measure -> the higher-level one it implements)
// params: ids:list
// example: ids=西青区人民政府-2022-07-27:7.1
MATCH (a:Measure)-[l:IMPLEMENTS]->(b:Measure)
WHERE a.id IN $ids OR b.id IN $ids
RETURN a.id AS lower_id, a.document_id AS lower_document_id, a.number AS lower_number,
       a.clause AS lower_clause, a.text AS lower_text,
       b.id AS upper_id, b.document_id AS upper_document_id, b.number AS upper_number,
       b.clause AS upper_clause, b.text AS upper_text, l.score AS score
ORDER BY lower_id, upper_id
