// description: Incremental linking: delete the document IMPLEMENTS edge of given (lower, upper) document pairs
// params: pairs:list
UNWIND $pairs AS p
MATCH (a:Document {id: p.lower})-[r:IMPLEMENTS]->(b:Document {id: p.upper})
DELETE r
