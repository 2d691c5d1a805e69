// description: One measure with its task, document, deadline and responsible units (one row per unit, in clause order; one row with unit null if none)
// params: id:str
// example: id=xiqing-2022:4.1
MATCH (d:Document)-[:HAS_TASK]->(t:Task)-[:HAS_MEASURE]->(m:Measure {id: $id})
OPTIONAL MATCH (u:Unit)-[r:LEADS|SUPPORTS|JOINTLY_RESPONSIBLE]->(m)
RETURN m.id AS id, m.document_id AS document_id, d.title AS document_title,
       t.seq AS task_seq, t.title AS task_title, m.number AS number, m.clause AS clause,
       m.text AS text, m.clause_text AS clause_text, m.line AS line, m.open_ended AS open_ended,
       m.deadline_text AS deadline_text, m.deadline_kind AS deadline_kind,
       m.deadline_date AS deadline_date, m.deadline_action AS deadline_action,
       m.before_publication AS before_publication, m.milestones AS milestones, m.leaders AS leaders,
       u.name AS unit, r.role AS role, r.`order` AS `order`, r.as_written AS as_written
ORDER BY `order`, unit, role
