// description: Set value_max on the targets that are ranges (kept apart: an all-null column cannot be typed)
// params: rows:list
UNWIND $rows AS row
MATCH (g:Target {id: row.id})
SET g.value_max = row.value_max
