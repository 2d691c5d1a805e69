// description: Linking: create Unit BRANCH_OF Unit edges (branch -> the agency it belongs to)
// params: rows:list
UNWIND $rows AS row
MATCH (a:Unit {name: row.lower})
MATCH (b:Unit {name: row.upper})
CREATE (a)-[:BRANCH_OF {method: row.method, score: row.score}]->(b)
