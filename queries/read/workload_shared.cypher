// description: Units x measures shared through a collective unit of their government (not held directly)
// params: government:str=, document:str=
// example: government=西青区人民政府
MATCH (u:Unit)-[:MEMBER_OF]->(g:Government)<-[:COLLECTIVE_OF]-(c:Unit)-[:LEADS|SUPPORTS|JOINTLY_RESPONSIBLE]->(m:Measure)
WHERE ($government = '' OR u.government = $government)
  AND ($document = '' OR m.document_id = $document)
OPTIONAL MATCH (u)-[own:LEADS|SUPPORTS|JOINTLY_RESPONSIBLE]->(m)
WITH u, m, own
WHERE own IS NULL
RETURN u.name AS unit, u.collective AS collective, count(DISTINCT m.id) AS shared
ORDER BY unit
