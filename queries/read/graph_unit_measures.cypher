// description: For a graph view: the measures of a list of units with the role of each edge
// params: names:list
// example: names=区财政局
MATCH (u:Unit)-[r:LEADS|SUPPORTS|JOINTLY_RESPONSIBLE]->(m:Measure)
WHERE u.name IN $names
RETURN u.name AS unit, m.id AS measure_id, r.role AS role, m.number AS number, m.clause AS clause,
       m.text AS text, m.document_id AS document_id
ORDER BY unit, document_id, number, clause, measure_id, role
