// description: The quantified targets of a page of measures, by their ids (to annotate a search or listing page)
// params: ids:list
// example: ids=天津市人民政府-2022-05-06:2.1
// Cost: the page only (one primary-key lookup per id, then an optional hop: see page_measures_units).
UNWIND $ids AS id
MATCH (m:Measure {id: id})
OPTIONAL MATCH (m)-[:HAS_TARGET]->(g:Target)
WITH m, g
WHERE g IS NOT NULL
RETURN m.id AS measure_id, g.id AS id, g.indicator AS indicator, g.op AS op, g.value AS value,
       g.value_max AS value_max, g.unit AS unit, g.text AS text
ORDER BY measure_id, id
