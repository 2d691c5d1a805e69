// description: The direct obligations (measure, responsible unit) of one document, with what the board needs (deadline, the unit's government, the document's cycle)
// params: document:str
// example: document=xiqing-2022
// Anchored on the document's unique key, then its own tasks, measures and responsibility edges.
MATCH (d:Document {id: $document})-[:HAS_TASK]->(t:Task)-[:HAS_MEASURE]->(m:Measure)<-[r:LEADS|SUPPORTS|JOINTLY_RESPONSIBLE]-(u:Unit)
RETURN m.id AS measure_id, u.name AS unit, r.role AS role, r.`order` AS `order`, coalesce(u.collective, false) AS collective,
       u.government AS government, d.id AS document_id, d.title AS document_title, m.number AS number, m.clause AS clause,
       m.text AS text, m.deadline_kind AS deadline_kind, m.deadline_date AS deadline_date, m.deadline_text AS deadline_text,
       coalesce(d.report_cycle, 'quarterly') AS report_cycle
ORDER BY measure_id, `order`, unit
