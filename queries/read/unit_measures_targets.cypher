// description: The quantified targets of every measure a unit holds (to annotate its obligations)
// params: name:str, ids:list
// example: name=市财政局, ids=天津市人民政府-2022-05-06:2.1
// Cost: the unit's own edges plus the page: a unique-key lookup, the unit's edges, then
// only the page's measures ($ids) are expanded.  The obligations page annotates its
// measures with this instead of `measures_*` by id list alone, which LadybugDB answers
// by scanning the whole measure table.
MATCH (h:Unit {name: $name})-[:LEADS|SUPPORTS|JOINTLY_RESPONSIBLE]->(m:Measure)
WHERE m.id IN $ids
MATCH (m)-[:HAS_TARGET]->(g:Target)
RETURN m.id AS measure_id, g.id AS id, g.indicator AS indicator, g.op AS op, g.value AS value,
       g.value_max AS value_max, g.unit AS unit, g.text AS text
ORDER BY measure_id, id
