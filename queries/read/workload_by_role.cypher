// description: Units x counts of measures led, supported and joint (filters: government of the unit, document)
// params: government:str=, document:str=
// example: government=西青区人民政府
MATCH (u:Unit)-[r:LEADS|SUPPORTS|JOINTLY_RESPONSIBLE]->(m:Measure)
WHERE ($government = '' OR u.government = $government)
  AND ($document = '' OR m.document_id = $document)
RETURN u.name AS unit, u.collective AS collective,
       count(CASE WHEN r.role = 'lead' THEN 1 END) AS lead,
       count(CASE WHEN r.role = 'support' THEN 1 END) AS support,
       count(CASE WHEN r.role = 'joint' THEN 1 END) AS joint
ORDER BY unit
