// description: Upsert Deadline nodes (one per distinct kind and date, shared between documents)
// params: rows:list
UNWIND $rows AS row
MERGE (d:Deadline {id: row.id})
SET d.kind = row.kind, d.date = row.date
