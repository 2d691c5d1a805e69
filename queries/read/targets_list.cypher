// description: Quantified targets with their measure, document and level (filters: indicator substring, level, document)
// params: indicator:str=, level:str=, document:str=
// example: indicator=就业
MATCH (d:Document)-[:HAS_TASK]->(t:Task)-[:HAS_MEASURE]->(m:Measure)-[:HAS_TARGET]->(g:Target)
WHERE ($indicator = '' OR g.indicator CONTAINS $indicator)
  AND ($level = '' OR d.level = $level)
  AND ($document = '' OR d.id = $document)
RETURN g.id AS id, g.indicator AS indicator, g.op AS op, g.value AS value, g.value_max AS value_max,
       g.unit AS unit, g.text AS text, m.id AS measure_id, d.id AS document_id, d.level AS level
ORDER BY indicator, level, id
