// Neo4j spelling: MERGE, as before issue 16.  Neo4j plans it as a seek on the uniqueness
// constraint (no scan), and it refuses a null key, which CREATE on Neo4j would store as a
// node without one (LadybugDB refuses a null primary key in CREATE by itself).
UNWIND $rows AS row
MATCH (m:Measure {id: row.measure_id})
MERGE (g:Target {id: row.id})
SET g.measure_id = row.measure_id, g.document_id = row.document_id, g.indicator = row.indicator,
    g.op = row.op, g.value = row.value, g.unit = row.unit, g.text = row.text
MERGE (m)-[:HAS_TARGET]->(g)
