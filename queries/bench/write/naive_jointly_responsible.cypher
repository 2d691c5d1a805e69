// description: Naive baseline: one JOINTLY_RESPONSIBLE edge per statement
// params: unit:str, measure:str, role:str, ord:int, open_ended:bool, as_written:str
MATCH (u:Unit {name: $unit})
MATCH (m:Measure {id: $measure})
MERGE (u)-[r:JOINTLY_RESPONSIBLE]->(m)
SET r.role = $role, r.`order` = $ord, r.open_ended = $open_ended, r.as_written = $as_written
