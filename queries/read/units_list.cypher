// description: Units with counts of measures led, supported, joint, and shared through collectives (filters: level, government, kind, name substring)
// params: level:str=, government:str=, kind:str=, q:str=
// example: government=西青区人民政府, q=财政
MATCH (u:Unit)
WHERE ($level = '' OR u.level = $level)
  AND ($government = '' OR u.government = $government)
  AND ($kind = '' OR u.kind = $kind)
  AND ($q = '' OR u.name CONTAINS $q)
OPTIONAL MATCH (u)-[r:LEADS|SUPPORTS|JOINTLY_RESPONSIBLE]->(m:Measure)
WITH u,
     count(CASE WHEN r.role = 'lead' THEN 1 END) AS lead,
     count(CASE WHEN r.role = 'support' THEN 1 END) AS support,
     count(CASE WHEN r.role = 'joint' THEN 1 END) AS joint
OPTIONAL MATCH (u)-[:MEMBER_OF]->(g:Government)<-[:COLLECTIVE_OF]-(c:Unit)-[:LEADS|SUPPORTS|JOINTLY_RESPONSIBLE]->(sm:Measure)
OPTIONAL MATCH (u)-[own:LEADS|SUPPORTS|JOINTLY_RESPONSIBLE]->(sm)
WITH u, lead, support, joint, sm, own
RETURN u.name AS name, u.level AS level, u.kind AS kind, u.government AS government,
       u.collective AS collective, u.aliases AS aliases, lead, support, joint,
       count(DISTINCT CASE WHEN own IS NULL THEN sm.id END) AS shared
ORDER BY name
