// description: Create the Target nodes of the document's measures and their HAS_TARGET edges (load_prune_targets and load_targets_stale removed the old ones)
// params: rows:list
// CREATE, not MERGE: see load_units_update (LadybugDB's MERGE scans the whole table).
UNWIND $rows AS row
MATCH (m:Measure {id: row.measure_id})
CREATE (m)-[:HAS_TARGET]->(:Target {id: row.id, measure_id: row.measure_id, document_id: row.document_id,
                                    indicator: row.indicator, op: row.op, value: row.value,
                                    unit: row.unit, text: row.text})
