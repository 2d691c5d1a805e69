// description: Linking: create Measure IMPLEMENTS Measure edges (district measure -> city measure) with method and score
// params: rows:list
UNWIND $rows AS row
MATCH (a:Measure {id: row.lower})
MATCH (b:Measure {id: row.upper})
CREATE (a)-[:IMPLEMENTS {method: row.method, score: row.score}]->(b)
