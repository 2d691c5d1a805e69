// description: Tests: every measure with its document, task and deadline (a store snapshot, part 1)
// params: none
MATCH (d:Document)-[:HAS_TASK]->(t:Task)-[:HAS_MEASURE]->(m:Measure)
RETURN d.id AS document_id, d.title AS title, t.id AS task_id, t.title AS task_title,
       m.id AS id, m.text AS text, m.clause_text AS clause_text, m.deadline_kind AS deadline_kind,
       m.deadline_date AS deadline_date, m.open_ended AS open_ended
ORDER BY id
