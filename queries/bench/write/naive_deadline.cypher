// description: Naive baseline: upsert one Deadline per statement
// params: id:str, kind:str, date:str
MERGE (d:Deadline {id: $id})
SET d.kind = $kind, d.date = $date
