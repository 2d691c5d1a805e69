// description: Measures whose text contains the given words (exact substring; empty: all), in document order
// params: q:str, limit:int=50
// example: q=财政
// Neo4j spelling: candidates from the CJK full-text index (a phrase query of bigrams),
// then the same exact CONTAINS filter and order as the portable file, so the rows are
// identical.  Text the CJK analyzer cannot match exactly (one character, Latin or
// digits, punctuation) falls back to the scan.
CALL () {
  // only Han text reaches Lucene (no query-syntax characters to escape)
  CALL db.index.fulltext.queryNodes('measure_text',
       CASE WHEN $q =~ '\\p{IsHan}{2,}' THEN '"' + $q + '"' ELSE '"无"' END) YIELD node
  WITH node AS m
  WHERE $q =~ '\\p{IsHan}{2,}' AND m.text CONTAINS $q
  RETURN m
  UNION
  MATCH (m:Measure)
  WHERE NOT $q =~ '\\p{IsHan}{2,}' AND ($q = '' OR m.text CONTAINS $q)
  RETURN m
}
MATCH (d:Document)-[:HAS_TASK]->(t:Task)-[:HAS_MEASURE]->(m)
RETURN m.id AS id, m.number AS number, m.clause AS clause, m.text AS text, m.open_ended AS open_ended,
       m.document_id AS document_id, d.title AS document_title, d.level AS level,
       m.task_id AS task_id, m.task_seq AS task_seq, m.task_number AS task_number, t.title AS task_title,
       m.deadline_text AS deadline_text, m.deadline_kind AS deadline_kind, m.deadline_date AS deadline_date
ORDER BY document_id, number, clause, id
LIMIT $limit
