// description: Create the LEADS edges (lead (牵头)) from units to the document's measures (edges CREATEd: the load_clear_* steps removed the old ones)
// params: rows:list
UNWIND $rows AS row
MATCH (u:Unit {name: row.unit})
MATCH (m:Measure {id: row.measure})
CREATE (u)-[r:LEADS]->(m)
SET r.role = row.role, r.`order` = row.`order`, r.open_ended = row.open_ended, r.as_written = row.as_written
