// description: Measures a unit leads, supports or shares jointly, with task, document and deadline (the direct half of the ownership lookup)
// params: name:str
// example: name=区财政局
// Cost: the size of the answer.  One unique-key lookup of the unit, then only its own
// responsibility edges and each measure's task and document.  No optional filters here:
// a `($x = '' OR m.x = $x)` guard makes LadybugDB plan the whole measure table (49 ms
// against 4.6 ms at 100 documents), so deadline/task/document filters are applied by
// the caller on this answer (queries/ownership.py), which also sorts it: sorting here
// costs a sixth of the read.
MATCH (u:Unit {name: $name})-[r:LEADS|SUPPORTS|JOINTLY_RESPONSIBLE]->(m:Measure)<-[:HAS_MEASURE]-(t:Task)<-[:HAS_TASK]-(d:Document)
RETURN m.id AS id, m.number AS number, m.clause AS clause, m.text AS text, m.open_ended AS open_ended,
       m.document_id AS document_id, d.title AS document_title, d.level AS level,
       m.task_id AS task_id, m.task_seq AS task_seq, m.task_number AS task_number, t.title AS task_title,
       m.deadline_text AS deadline_text, m.deadline_kind AS deadline_kind, m.deadline_date AS deadline_date,
       r.role AS role, r.`order` AS `order`, '' AS via
