// description: Incremental linking: delete given COUNTERPART_OF edges (rows lower, upper) that the data file no longer gives
// params: rows:list
UNWIND $rows AS row
MATCH (a:Unit {name: row.lower})-[r:COUNTERPART_OF]->(b:Unit {name: row.upper})
DELETE r
