// description: Measures held by the collective units (区政府各部门, 有关部门 ...) of a unit's government(s): the shared half of the ownership lookup, one row per (measure, collective)
// params: name:str
// example: name=区财政局
// Cost: the size of the answer (unit -> its governments -> their collectives -> their
// measures).  Measures the unit also holds directly are still listed here: the caller
// (queries/ownership.py) drops them, which is cheaper than an anti-join on LadybugDB.
// DISTINCT stays: without it Neo4j's planner drops the unique-index seek on the unit and
// hash-joins whole tables (99 ms against 4.8 ms at 100 documents).  No sorting here (a
// sixth of the read on LadybugDB): the caller sorts.
MATCH (u:Unit {name: $name})-[:MEMBER_OF]->(:Government)<-[:COLLECTIVE_OF]-(c:Unit)-[r:LEADS|SUPPORTS|JOINTLY_RESPONSIBLE]->(m:Measure)<-[:HAS_MEASURE]-(t:Task)<-[:HAS_TASK]-(d:Document)
WHERE c.name <> u.name
RETURN DISTINCT m.id AS id, m.number AS number, m.clause AS clause, m.text AS text, m.open_ended AS open_ended,
       m.document_id AS document_id, d.title AS document_title, d.level AS level,
       m.task_id AS task_id, m.task_seq AS task_seq, m.task_number AS task_number, t.title AS task_title,
       m.deadline_text AS deadline_text, m.deadline_kind AS deadline_kind, m.deadline_date AS deadline_date,
       'shared' AS role, r.role AS shared_role, r.`order` AS `order`, c.name AS via
