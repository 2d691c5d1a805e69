// description: Delete up to $limit nodes with their relationships (the Neo4j store's clear() runs it until nothing is left, one transaction per slice: clear_all in ONE transaction outgrows dbms.memory.transaction.total.max from ~100 documents on)
// params: limit:int
MATCH (n)
WITH n LIMIT $limit
DETACH DELETE n
