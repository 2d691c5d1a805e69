// description: Upsert Government nodes (shared between documents)
// params: rows:list
UNWIND $rows AS row
MERGE (g:Government {name: row.name})
SET g.level = row.level, g.region = row.region
