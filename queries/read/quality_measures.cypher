// description: Every measure with its document, line, clause, deadline and number of responsible units (data-quality report)
// params: none
// example:
MATCH (d:Document)-[:HAS_TASK]->(t:Task)-[:HAS_MEASURE]->(m:Measure)
OPTIONAL MATCH (u:Unit)-[r:LEADS|SUPPORTS|JOINTLY_RESPONSIBLE]->(m)
WITH d, m, count(r) AS units
RETURN m.id AS id, m.document_id AS document_id, d.title AS document_title, d.level AS level,
       d.published AS published, d.source AS source, m.number AS number, m.clause AS clause,
       m.line AS line, m.text AS text, m.clause_text AS clause_text, m.deadline_text AS deadline_text,
       m.deadline_kind AS deadline_kind, m.deadline_date AS deadline_date,
       m.before_publication AS before_publication, units
ORDER BY document_id, number, clause, id
