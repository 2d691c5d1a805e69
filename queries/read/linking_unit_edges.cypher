// description: Linking state: every COUNTERPART_OF and BRANCH_OF edge with method and score (incremental relinking writes only the difference)
// params: none
MATCH (a:Unit)-[r:COUNTERPART_OF]->(b:Unit)
RETURN 'counterpart' AS kind, a.name AS lower, b.name AS upper, r.method AS method, r.score AS score
UNION ALL
MATCH (a:Unit)-[r:BRANCH_OF]->(b:Unit)
RETURN 'branch' AS kind, a.name AS lower, b.name AS upper, r.method AS method, r.score AS score
