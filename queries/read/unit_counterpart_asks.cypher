// description: An agency's counterpart(s) at the other level (COUNTERPART_OF either way) and what each was asked: the measures the agency (side self) and its counterparts (side counterpart) lead, support or share directly
// params: name:str
// example: name=区财政局
MATCH (me:Unit {name: $name})-[:COUNTERPART_OF]-(o:Unit)
WITH me, collect(DISTINCT o.name) AS counterparts
MATCH (x:Unit)-[r:LEADS|SUPPORTS|JOINTLY_RESPONSIBLE]->(m:Measure)
WHERE x.name = me.name OR x.name IN counterparts
RETURN CASE WHEN x.name = me.name THEN 'self' ELSE 'counterpart' END AS side, x.name AS unit,
       r.role AS role, m.id AS measure_id, m.document_id AS document_id, m.number AS number,
       m.clause AS clause, m.text AS text
ORDER BY side DESC, unit, document_id, number, clause, role
