// description: Linking input: every measure with its task and text
// params: none
MATCH (t:Task)-[:HAS_MEASURE]->(m:Measure)
RETURN m.id AS id, m.document_id AS document_id, t.id AS task_id, m.number AS number,
       m.clause AS clause, m.text AS text
ORDER BY document_id, number, clause, id
