// description: Linking: create Task FOLLOWS Task edges (district task -> city task) with method and score
// params: rows:list
UNWIND $rows AS row
MATCH (a:Task {id: row.lower})
MATCH (b:Task {id: row.upper})
CREATE (a)-[:FOLLOWS {method: row.method, score: row.score}]->(b)
