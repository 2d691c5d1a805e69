// description: Local initiatives: measures of a lower-level (district) document that implements a loaded document, with no higher-level measure above them
// params: document:str=
// example: document=西青区人民政府-2022-07-27
MATCH (d:Document)-[:IMPLEMENTS]->(up:Document)
WHERE coalesce(up.stub, false) = false AND ($document = '' OR d.id = $document)
WITH DISTINCT d
MATCH (d)-[:HAS_TASK]->(t:Task)-[:HAS_MEASURE]->(m:Measure)
WHERE NOT EXISTS { MATCH (m)-[:IMPLEMENTS]->(:Measure) }
RETURN m.id AS id, d.id AS document_id, m.number AS number, m.clause AS clause, m.text AS text,
       t.number AS task_number, t.title AS task_title
ORDER BY document_id, number, clause, id
