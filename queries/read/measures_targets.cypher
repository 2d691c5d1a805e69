// description: The quantified targets of a list of measures
// params: ids:list
// example: ids=西青区人民政府-2022-07-27:2.1
MATCH (m:Measure)-[:HAS_TARGET]->(g:Target)
WHERE m.id IN $ids
RETURN m.id AS measure_id, g.id AS id, g.indicator AS indicator, g.op AS op, g.value AS value,
       g.value_max AS value_max, g.unit AS unit, g.text AS text
ORDER BY measure_id, id
