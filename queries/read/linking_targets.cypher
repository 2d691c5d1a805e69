// description: Linking input: every target with its measure, value and unit
// params: none
MATCH (m:Measure)-[:HAS_TARGET]->(g:Target)
RETURN g.id AS id, m.id AS measure_id, m.document_id AS document_id, g.indicator AS indicator,
       g.op AS op, g.value AS value, g.value_max AS value_max, g.unit AS unit
ORDER BY id
