// description: Tests: every link edge and stub document with every property linking writes (incremental vs full relink, edge by edge)
// params: none
MATCH (a:Document)-[r:IMPLEMENTS]->(b:Document)
RETURN 'document' AS kind, a.id AS a, b.id AS b, r.method AS method, r.score AS score, true AS is_primary, '' AS evidence
UNION ALL
MATCH (a:Measure)-[r:IMPLEMENTS]->(b:Measure)
RETURN 'measure' AS kind, a.id AS a, b.id AS b, r.method AS method, r.score AS score, r.is_primary AS is_primary, r.evidence AS evidence
UNION ALL
MATCH (a:Task)-[r:FOLLOWS]->(b:Task)
RETURN 'task' AS kind, a.id AS a, b.id AS b, r.method AS method, r.score AS score, true AS is_primary, '' AS evidence
UNION ALL
MATCH (a:Target)-[r:CONTRIBUTES_TO]->(b:Target)
RETURN 'target' AS kind, a.id AS a, b.id AS b, r.method AS method, r.share AS score, true AS is_primary, '' AS evidence
UNION ALL
MATCH (a:Unit)-[r:COUNTERPART_OF]->(b:Unit)
RETURN 'counterpart' AS kind, a.name AS a, b.name AS b, r.method AS method, r.score AS score, true AS is_primary, '' AS evidence
UNION ALL
MATCH (a:Unit)-[r:BRANCH_OF]->(b:Unit)
RETURN 'branch' AS kind, a.name AS a, b.name AS b, r.method AS method, r.score AS score, true AS is_primary, '' AS evidence
UNION ALL
MATCH (d:Document)
WHERE d.stub = true
RETURN 'stub' AS kind, d.id AS a, d.doc_number AS b, d.title AS method, 0.0 AS score, true AS is_primary, d.level AS evidence
