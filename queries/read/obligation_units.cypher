// description: The units named responsible for these measures (direct edges), collective or not
// params: ids:list
// example: ids=xiqing-2022:4.1,xiqing-2022:1.1
// Cost: one primary-key lookup per id, then an optional hop from the bound measure: a
// plain MATCH of the edge after UNWIND is a hash join with the whole responsibility table
// on LadybugDB (275 ms at 1,000 documents: see page_measures_units).
UNWIND $ids AS mid
MATCH (m:Measure {id: mid})
OPTIONAL MATCH (m)<-[r:LEADS|SUPPORTS|JOINTLY_RESPONSIBLE]-(u:Unit)
WITH m, r, u
WHERE u IS NOT NULL
RETURN m.id AS measure_id, u.name AS unit, coalesce(u.collective, false) AS collective, r.role AS role, r.`order` AS `order`
ORDER BY measure_id, `order`, unit
