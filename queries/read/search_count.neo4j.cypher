// Neo4j spelling: the full-text candidates of search_hits.neo4j.cypher, checked the same
// way, counted (one row leaves the server, not every hit).
CALL (*) {
  CALL db.index.fulltext.queryNodes('measure_text', CASE WHEN $lucene = '' THEN '"无"' ELSE $lucene END)
       YIELD node
  WITH node AS m
  WHERE $lucene <> ''
  RETURN m
  UNION
  MATCH (m:Measure)
  WHERE $lucene = ''
  RETURN m
}
WITH m
WHERE all(w IN $words WHERE m.text CONTAINS w)
MATCH (:Document)-[:HAS_TASK]->(:Task)-[:HAS_MEASURE]->(m)
WITH m
LIMIT $cap
RETURN count(m) AS total
