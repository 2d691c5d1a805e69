// description: Create the Target nodes of the document's measures and their HAS_TARGET edges
// params: rows:list
UNWIND $rows AS row
MATCH (m:Measure {id: row.measure_id})
MERGE (g:Target {id: row.id})
SET g.measure_id = row.measure_id, g.document_id = row.document_id, g.indicator = row.indicator,
    g.op = row.op, g.value = row.value, g.unit = row.unit, g.text = row.text
MERGE (m)-[:HAS_TARGET]->(g)
