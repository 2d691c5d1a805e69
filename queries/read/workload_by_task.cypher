// description: Units x task x number of measures (per document)
// params: government:str=, document:str=
// example: document=西青区人民政府-2022-07-27
MATCH (t:Task)-[:HAS_MEASURE]->(m:Measure)<-[r:LEADS|SUPPORTS|JOINTLY_RESPONSIBLE]-(u:Unit)
WHERE ($government = '' OR u.government = $government)
  AND ($document = '' OR m.document_id = $document)
RETURN u.name AS unit, u.collective AS collective, m.document_id AS document_id, t.number AS task,
       t.title AS task_title, count(DISTINCT m.id) AS count
ORDER BY unit, document_id, task
