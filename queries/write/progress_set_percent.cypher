// description: Set the percent of progress updates appended in the same transaction (only rows that have one)
// params: rows:list
UNWIND $rows AS row
MATCH (p:Progress {id: row.id})
WHERE p.percent IS NULL
SET p.percent = row.percent
