// description: Create the JOINTLY_RESPONSIBLE edges (joint (共同)) from units to the document's measures
// params: rows:list
UNWIND $rows AS row
MATCH (u:Unit {name: row.unit})
MATCH (m:Measure {id: row.measure})
MERGE (u)-[r:JOINTLY_RESPONSIBLE]->(m)
SET r.role = row.role, r.`order` = row.`order`, r.open_ended = row.open_ended, r.as_written = row.as_written
