// description: Every direct obligation (measure, responsible unit) in the graph, with what the board needs (deadline, the unit's government, document, cycle)
// params: none
MATCH (u:Unit)-[r:LEADS|SUPPORTS|JOINTLY_RESPONSIBLE]->(m:Measure)<-[:HAS_MEASURE]-(t:Task)<-[:HAS_TASK]-(d:Document)
RETURN m.id AS measure_id, u.name AS unit, r.role AS role, r.`order` AS `order`, coalesce(u.collective, false) AS collective,
       u.government AS government, d.id AS document_id, d.title AS document_title, m.number AS number, m.clause AS clause,
       m.text AS text, m.deadline_kind AS deadline_kind, m.deadline_date AS deadline_date, m.deadline_text AS deadline_text,
       coalesce(d.report_cycle, 'quarterly') AS report_cycle
ORDER BY measure_id, `order`, unit
