// description: The direct obligations (measure, responsible unit) of one government's units, with what the board needs (deadline; the caller reads the documents' titles and cycles)
// params: government:str
// example: government=西青区人民政府
// Anchored on the units of the government (the Unit.government index), then only their own edges.
MATCH (u:Unit)
WHERE u.government = $government
MATCH (u)-[r:LEADS|SUPPORTS|JOINTLY_RESPONSIBLE]->(m:Measure)
RETURN m.id AS measure_id, u.name AS unit, r.role AS role, r.`order` AS `order`, coalesce(u.collective, false) AS collective,
       u.government AS government, m.document_id AS document_id, m.number AS number, m.clause AS clause,
       m.text AS text, m.deadline_kind AS deadline_kind, m.deadline_date AS deadline_date, m.deadline_text AS deadline_text
ORDER BY measure_id, `order`, unit
