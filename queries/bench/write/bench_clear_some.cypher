// description: Delete up to $limit nodes with their relationships (the benchmarks empty a big Neo4j database in slices: one clear_all transaction outgrows its memory limit)
// params: limit:int
MATCH (n)
WITH n LIMIT $limit
DETACH DELETE n
