// description: Set the year of the batch's documents that have one (kept apart: an all-null column cannot be typed)
// params: rows:list
UNWIND $rows AS row
MATCH (d:Document {id: row.id})
SET d.year = row.year
