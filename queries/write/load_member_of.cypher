// description: Link units to the government they belong to
// params: rows:list
UNWIND $rows AS row
MATCH (u:Unit {name: row.unit})
MATCH (g:Government {name: row.government})
MERGE (u)-[:MEMBER_OF]->(g)
