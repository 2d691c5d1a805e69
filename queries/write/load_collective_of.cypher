// description: Link collective units (区政府各部门, 有关部门 ...) to the government whose departments they stand for
// params: rows:list
UNWIND $rows AS row
MATCH (u:Unit {name: row.unit})
MATCH (g:Government {name: row.government})
MERGE (u)-[:COLLECTIVE_OF]->(g)
