// description: Upsert Deadline nodes (one per distinct kind and date, shared between documents)
// params: rows:list
// A keyed upsert without MERGE (see load_units).
UNWIND $rows AS row
OPTIONAL MATCH (d:Deadline {id: row.id})
SET d.kind = row.kind, d.date = row.date
WITH row, d
WHERE d IS NULL
CREATE (:Deadline {id: row.id, kind: row.kind, date: row.date})
