// description: Linking input of given documents only (incremental relinking): the targets of their measures with value and unit
// params: ids:list
// example: ids=西青区人民政府-2022-07-27
MATCH (m:Measure)-[:HAS_TARGET]->(g:Target)
WHERE m.document_id IN $ids
RETURN g.id AS id, m.id AS measure_id, m.document_id AS document_id, g.indicator AS indicator,
       g.op AS op, g.value AS value, g.value_max AS value_max, g.unit AS unit
ORDER BY id
