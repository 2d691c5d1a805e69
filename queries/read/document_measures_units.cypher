// description: The responsible units of the listed measures of one document (to annotate a page of measures)
// params: document:str, ids:list
// example: document=天津市人民政府-2022-05-06, ids=天津市人民政府-2022-05-06:2.1
// Cost: the document plus the page: a unique-key lookup of the document, its measures,
// then only the page's measures ($ids) are expanded.  Pages of measures are annotated
// one document at a time with this rather than by `measures_*` (id list alone), which
// LadybugDB answers by scanning the whole measure table.
MATCH (:Document {id: $document})-[:HAS_TASK]->(:Task)-[:HAS_MEASURE]->(m:Measure)
WHERE m.id IN $ids
WITH m
MATCH (m)<-[r:LEADS|SUPPORTS|JOINTLY_RESPONSIBLE]-(u:Unit)
RETURN m.id AS measure_id, u.name AS unit, r.role AS role, r.`order` AS `order`, u.collective AS collective
ORDER BY measure_id, `order`, role, unit
