// description: Naive baseline: one MEMBER_OF edge per statement
// params: unit:str, government:str
MATCH (u:Unit {name: $unit})
MATCH (g:Government {name: $government})
MERGE (u)-[:MEMBER_OF]->(g)
