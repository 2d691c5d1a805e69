// description: Search: how many measures hold every word (capped at $cap), the count of the rows search_hits ranks (GET /measures?q= pages them)
// params: q:str, words:list, lucene:str=, cap:int=10000
// example: q=财政, words=财政
// The portable spelling checks every measure; Neo4j counts its full-text candidates (the
// .neo4j twin).  The embedded store counts in its SQLite index instead, when fresh.
MATCH (d:Document)-[:HAS_TASK]->(t:Task)-[:HAS_MEASURE]->(m:Measure)
WHERE all(w IN $words WHERE m.text CONTAINS w)
WITH m
LIMIT $cap
RETURN count(m) AS total
