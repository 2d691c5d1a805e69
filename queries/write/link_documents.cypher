// description: Linking: create Document IMPLEMENTS Document edges (lower implements upper) with method and score
// params: rows:list
UNWIND $rows AS row
MATCH (a:Document {id: row.lower})
MATCH (b:Document {id: row.upper})
CREATE (a)-[:IMPLEMENTS {method: row.method, score: row.score}]->(b)
