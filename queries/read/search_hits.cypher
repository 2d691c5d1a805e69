// description: Search: the measures whose text contains every word, ranked (tier 0: the phrase in the task or document title, 1: the phrase in the text, 2: the words apart), then in document order; keys and filter columns only (GET /measures?q= pages them)
// params: q:str, words:list, lucene:str=, limit:int=10000, skip:int=0
// example: q=财政, words=财政
// The definition of search on both stores: every word a substring (CONTAINS) of the text.
// This portable spelling checks every measure; the embedded store answers from its SQLite
// index (graph/search_index.py) and Neo4j from its full-text index (the .neo4j twin),
// both with exactly these rows (tests/search).  $q: the words joined by one space;
// $lucene: graph.search_terms.lucene_query(words), unused here.
MATCH (d:Document)-[:HAS_TASK]->(t:Task)-[:HAS_MEASURE]->(m:Measure)
WHERE all(w IN $words WHERE m.text CONTAINS w)
WITH m, CASE WHEN t.title CONTAINS $q OR d.title CONTAINS $q THEN 0 WHEN m.text CONTAINS $q THEN 1 ELSE 2 END AS tier
RETURN m.id AS id, m.document_id AS document_id, m.number AS number, m.clause AS clause,
       m.task_number AS task_number, m.deadline_date AS deadline_date, tier
ORDER BY tier, document_id, number, clause, id
SKIP $skip
LIMIT $limit
