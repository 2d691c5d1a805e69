// description: Naive baseline: one COLLECTIVE_OF edge per statement
// params: unit:str, government:str
MATCH (u:Unit {name: $unit})
MATCH (g:Government {name: $government})
MERGE (u)-[:COLLECTIVE_OF]->(g)
