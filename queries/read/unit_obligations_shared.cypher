// description: Measures a unit shares as a member of a collective unit (区政府各部门 ...) of its government, excluding those it holds directly
// params: name:str, before:str=9999-12-31, after:str=0001-01-01, task:int=0, document:str=
// example: name=区财政局
MATCH (u:Unit {name: $name})-[:MEMBER_OF]->(g:Government)<-[:COLLECTIVE_OF]-(c:Unit)-[r:LEADS|SUPPORTS|JOINTLY_RESPONSIBLE]->(m:Measure)
OPTIONAL MATCH (u)-[own:LEADS|SUPPORTS|JOINTLY_RESPONSIBLE]->(m)
WITH u, c, r, m, own
WHERE own IS NULL
  AND ($before = '9999-12-31' OR m.deadline_date <= $before)
  AND ($after = '0001-01-01' OR m.deadline_date >= $after)
  AND ($task = 0 OR m.task_number = $task)
  AND ($document = '' OR m.document_id = $document)
MATCH (d:Document)-[:HAS_TASK]->(t:Task)-[:HAS_MEASURE]->(m)
RETURN m.id AS id, m.number AS number, m.clause AS clause, m.text AS text, m.open_ended AS open_ended,
       m.document_id AS document_id, d.title AS document_title, d.level AS level,
       m.task_id AS task_id, m.task_seq AS task_seq, m.task_number AS task_number, t.title AS task_title,
       m.deadline_text AS deadline_text, m.deadline_kind AS deadline_kind, m.deadline_date AS deadline_date,
       'shared' AS role, r.role AS shared_role, r.`order` AS `order`, c.name AS via
ORDER BY document_id, number, clause, via, shared_role, id
