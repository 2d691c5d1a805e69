// description: The responsible units of a page of measures, by their ids (to annotate a search or listing page)
// params: ids:list
// example: ids=西青区人民政府-2022-07-27:7.1
// Cost: the page only.  UNWIND then MATCH by the primary key is one index lookup per id;
// the hop is an OPTIONAL MATCH because LadybugDB extends an optional pattern from the bound
// nodes, while a plain MATCH after UNWIND is planned as a hash join with the WHOLE edge
// table (55 ms against 5 ms for 50 ids at 100 documents, growing with the store).
// `WHERE m.id IN $ids` would scan the measure table.  So a page drawn from fifty documents
// costs one query, not one per document.
UNWIND $ids AS id
MATCH (m:Measure {id: id})
OPTIONAL MATCH (m)<-[r:LEADS|SUPPORTS|JOINTLY_RESPONSIBLE]-(u:Unit)
WITH m, r, u
WHERE u IS NOT NULL
RETURN m.id AS measure_id, u.name AS unit, r.role AS role, r.`order` AS `order`, u.collective AS collective
ORDER BY measure_id, `order`, role, unit
