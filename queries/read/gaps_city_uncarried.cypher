// description: Gaps: measures of an implemented (city) document that no lower-level (district) measure implements; followed says whether a district task follows the measure's task
// params: document:str=
// example: document=天津市人民政府-2022-05-06
MATCH (low:Document)-[:IMPLEMENTS]->(d:Document)-[:HAS_TASK]->(t:Task)-[:HAS_MEASURE]->(m:Measure)
WHERE ($document = '' OR d.id = $document)
  AND NOT EXISTS { MATCH (:Measure)-[:IMPLEMENTS]->(m) }
WITH DISTINCT d, t, m
OPTIONAL MATCH (lt:Task)-[:FOLLOWS]->(t)
WITH d, t, m, count(lt) AS following
RETURN m.id AS id, d.id AS document_id, m.number AS number, m.clause AS clause, m.text AS text,
       t.number AS task_number, t.title AS task_title, following > 0 AS followed
ORDER BY document_id, number, clause, id
