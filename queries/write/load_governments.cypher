// description: Upsert Government nodes (shared between documents)
// params: rows:list
// A keyed upsert without MERGE (see load_units).
UNWIND $rows AS row
OPTIONAL MATCH (g:Government {name: row.name})
SET g.level = row.level, g.region = row.region
WITH row, g
WHERE g IS NULL
CREATE (:Government {name: row.name, level: row.level, region: row.region})
