// description: The quantified targets of the listed measures of one document (to annotate a page of measures)
// params: document:str, ids:list
// example: document=天津市人民政府-2022-05-06, ids=天津市人民政府-2022-05-06:2.1
// Cost: the document plus the page: a unique-key lookup of the document, its measures,
// then only the page's measures ($ids) are expanded.  Pages of measures are annotated
// one document at a time with this rather than by `measures_*` (id list alone), which
// LadybugDB answers by scanning the whole measure table.
MATCH (:Document {id: $document})-[:HAS_TASK]->(:Task)-[:HAS_MEASURE]->(m:Measure)
WHERE m.id IN $ids
MATCH (m)-[:HAS_TARGET]->(g:Target)
RETURN m.id AS measure_id, g.id AS id, g.indicator AS indicator, g.op AS op, g.value AS value,
       g.value_max AS value_max, g.unit AS unit, g.text AS text
ORDER BY measure_id, id
