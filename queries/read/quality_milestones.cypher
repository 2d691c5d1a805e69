// description: Every dated milestone (DUE edge with milestone true) with its measure and the document's publication date (data-quality report)
// params: none
// example:
MATCH (d:Document)-[:HAS_TASK]->(t:Task)-[:HAS_MEASURE]->(m:Measure)-[due:DUE]->(dl:Deadline)
WHERE due.milestone = true
RETURN m.id AS measure_id, m.document_id AS document_id, m.line AS line, m.deadline_text AS deadline_text,
       due.seq AS seq, dl.date AS date, due.text AS text, d.published AS published
ORDER BY document_id, measure_id, seq, date
