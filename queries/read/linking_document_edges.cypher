// description: Linking state: every document IMPLEMENTS edge with method and score (incremental relinking compares it with the links the documents now give)
// params: none
MATCH (a:Document)-[r:IMPLEMENTS]->(b:Document)
RETURN a.id AS lower, b.id AS upper, r.method AS method, r.score AS score
ORDER BY lower, upper
