// description: Obligations of one unit: measures it leads, supports or shares, directly or through a collective unit of its government (区政府各部门, 有关部门 ...)
// params: name:str
// example: name=区财政局
MATCH (me:Unit {name: $name})
OPTIONAL MATCH (me)-[:MEMBER_OF]->(:Government)<-[:COLLECTIVE_OF]-(c:Unit)
WITH me, collect(c.name) AS collectives
MATCH (x:Unit)-[r:LEADS|SUPPORTS|JOINTLY_RESPONSIBLE]->(m:Measure)
WHERE x.name = me.name OR x.name IN collectives
MATCH (t:Task)-[:HAS_MEASURE]->(m)
RETURN r.role AS role, x.name AS via, x.name <> me.name AS shared, r.`order` AS `order`,
       m.id AS measure_id, m.number AS number, m.clause AS clause, m.text AS text,
       t.seq AS task_seq, t.title AS task_title,
       m.deadline_kind AS deadline_kind, m.deadline_date AS deadline_date,
       m.document_id AS document_id
ORDER BY document_id, number, clause, shared, via, role
