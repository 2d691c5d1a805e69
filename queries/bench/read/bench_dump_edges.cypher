// description: Tests: every responsibility, DUE and HAS_TARGET edge (a store snapshot, part 2)
// params: none
MATCH (u:Unit)-[r:LEADS|SUPPORTS|JOINTLY_RESPONSIBLE]->(m:Measure)
RETURN 'resp' AS kind, u.name AS a, m.id AS b, r.role AS role, r.`order` AS seq
UNION ALL
MATCH (m:Measure)-[r:DUE]->(d:Deadline)
RETURN 'due' AS kind, m.id AS a, d.id AS b, r.text AS role, r.seq AS seq
UNION ALL
MATCH (m:Measure)-[:HAS_TARGET]->(g:Target)
RETURN 'target' AS kind, m.id AS a, g.id AS b, g.text AS role, 0 AS seq
UNION ALL
MATCH (u:Unit)-[:MEMBER_OF|COLLECTIVE_OF]->(g:Government)
RETURN 'gov' AS kind, u.name AS a, g.name AS b, '' AS role, 0 AS seq
