// Neo4j spelling: candidates from the CJK full-text index `measure_text` ($lucene, built
// by graph.search_terms.lucene_query from terms every matching text holds), then the same
// exact CONTAINS check, ranking and order as the portable file.  $lucene = '': nothing in
// the words is a safe term (punctuation only): every measure is checked.
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
MATCH (d:Document)-[:HAS_TASK]->(t:Task)-[:HAS_MEASURE]->(m)
WITH m, CASE WHEN t.title CONTAINS $q OR d.title CONTAINS $q THEN 0 WHEN m.text CONTAINS $q THEN 1 ELSE 2 END AS tier
RETURN m.id AS id, m.document_id AS document_id, m.number AS number, m.clause AS clause,
       m.task_number AS task_number, m.deadline_date AS deadline_date, tier
ORDER BY tier, document_id, number, clause, id
SKIP $skip
LIMIT $limit
