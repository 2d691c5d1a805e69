// description: Linking: create Measure IMPLEMENTS Measure edges (district measure -> city measure) with method, score, is_primary (the lower measure's best link) and evidence (features that fired)
// params: rows:list
UNWIND $rows AS row
MATCH (a:Measure {id: row.lower})
MATCH (b:Measure {id: row.upper})
CREATE (a)-[:IMPLEMENTS {method: row.method, score: row.score, is_primary: row.is_primary, evidence: row.evidence}]->(b)
