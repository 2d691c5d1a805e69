// description: Agency x agency co-responsibility: pairs of (non-collective) units and the number of measures they share
// params: government:str=, document:str=
// example: government=西青区人民政府
MATCH (a:Unit)-[:LEADS|SUPPORTS|JOINTLY_RESPONSIBLE]->(m:Measure)<-[:LEADS|SUPPORTS|JOINTLY_RESPONSIBLE]-(b:Unit)
WHERE a.name < b.name AND a.collective = false AND b.collective = false
  AND ($government = '' OR (a.government = $government AND b.government = $government))
  AND ($document = '' OR m.document_id = $document)
RETURN a.name AS source, b.name AS target, count(DISTINCT m.id) AS weight
ORDER BY source, target
