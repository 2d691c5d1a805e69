// description: Linking: create Unit COUNTERPART_OF Unit edges (district agency -> city counterpart)
// params: rows:list
UNWIND $rows AS row
MATCH (a:Unit {name: row.lower})
MATCH (b:Unit {name: row.upper})
CREATE (a)-[:COUNTERPART_OF {method: row.method, score: row.score}]->(b)
