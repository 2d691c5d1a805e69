// description: The responsible units of every measure a unit holds (to annotate its obligations)
// params: name:str, ids:list
// example: name=市财政局, ids=天津市人民政府-2022-05-06:2.1
// Cost: the unit's own edges plus the page: a unique-key lookup, the unit's edges, then
// only the page's measures ($ids) are expanded.  The obligations page annotates its
// measures with this instead of `measures_*` by id list alone, which LadybugDB answers
// by scanning the whole measure table.
// Two MATCH clauses: in ONE pattern Neo4j would never reuse the unit's own edge as `r`
// (relationship uniqueness) while LadybugDB would; the answer lists every unit, itself too.
MATCH (h:Unit {name: $name})-[:LEADS|SUPPORTS|JOINTLY_RESPONSIBLE]->(m:Measure)
WHERE m.id IN $ids
WITH m
MATCH (m)<-[r:LEADS|SUPPORTS|JOINTLY_RESPONSIBLE]-(u:Unit)
RETURN m.id AS measure_id, u.name AS unit, r.role AS role, r.`order` AS `order`, u.collective AS collective
ORDER BY measure_id, `order`, role, unit
