// description: Naive baseline: one SUPPORTS edge per statement
// params: unit:str, measure:str, role:str, ord:int, open_ended:bool, as_written:str
MATCH (u:Unit {name: $unit})
MATCH (m:Measure {id: $measure})
MERGE (u)-[r:SUPPORTS]->(m)
SET r.role = $role, r.`order` = $ord, r.open_ended = $open_ended, r.as_written = $as_written
