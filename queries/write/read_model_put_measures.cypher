// description: Store per-measure read-model records, stamped with the graph generation read BEFORE they were built (a write landing meanwhile leaves them stale)
// params: generation:str, rows:list
// rows: [{id, body}] (body: the measure's JSON as search pages and chains show it).
MERGE (g:ReadModelMeta {key: 'graph'})
ON CREATE SET g.generation = $generation
WITH g
UNWIND $rows AS row
MERGE (r:MeasureRecord {id: row.id})
SET r.built_generation = $generation, r.body = row.body
