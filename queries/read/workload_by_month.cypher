// description: Units x deadline month (YYYY-MM; null = no dated deadline) x number of measures
// params: government:str=, document:str=
// example: government=西青区人民政府
MATCH (u:Unit)-[r:LEADS|SUPPORTS|JOINTLY_RESPONSIBLE]->(m:Measure)
WHERE ($government = '' OR u.government = $government)
  AND ($document = '' OR m.document_id = $document)
RETURN u.name AS unit, u.collective AS collective, left(m.deadline_date, 7) AS month, count(DISTINCT m.id) AS count
ORDER BY unit, month
