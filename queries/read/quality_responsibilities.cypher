// description: Every responsibility edge with the unit name as written in the clause (data-quality report: name variants, counterparts)
// params: none
// example:
MATCH (u:Unit)-[r:LEADS|SUPPORTS|JOINTLY_RESPONSIBLE]->(m:Measure)
RETURN m.document_id AS document_id, m.id AS measure_id, m.number AS number, m.clause AS clause,
       m.line AS line, m.clause_text AS clause_text, u.name AS unit, r.as_written AS as_written,
       r.role AS role, r.`order` AS `order`, u.level AS level, u.kind AS kind,
       u.government AS government, u.collective AS collective
ORDER BY document_id, number, clause, `order`, unit, role
