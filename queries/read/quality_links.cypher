// description: Every IMPLEMENTS link between measures (lower-level measure -> the higher-level one it carries)
// params: none
// example:
MATCH (a:Measure)-[l:IMPLEMENTS]->(b:Measure)
RETURN a.id AS lower_id, a.document_id AS lower_document_id, b.id AS upper_id,
       b.document_id AS upper_document_id, l.score AS score
ORDER BY lower_id, upper_id
