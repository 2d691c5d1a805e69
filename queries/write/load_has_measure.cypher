// description: Create the HAS_MEASURE edges from each task to its measures (CREATEd: load_clear_has_measure removed the old ones)
// params: rows:list
// $rows: {id, task_id} per measure -- only the keys: a statement's rows cost their conversion.
// Both ends by primary key (lookups, see load_leads).
UNWIND $rows AS row
MATCH (t:Task {id: row.task_id})
MATCH (m:Measure {id: row.id})
CREATE (t)-[:HAS_MEASURE]->(m)
