// description: Dated deadlines (final and milestones) in a date range, with each measure's responsible units
// params: from:str=0001-01-01, to:str=9999-12-31, kind:str=, document:str=
// example: from=2022-06-01, to=2022-12-31
MATCH (m:Measure)-[due:DUE]->(dl:Deadline)
WHERE dl.date >= $from AND dl.date <= $to
  AND ($kind = '' OR dl.kind = $kind)
  AND ($document = '' OR m.document_id = $document)
OPTIONAL MATCH (u:Unit)-[r:LEADS|SUPPORTS|JOINTLY_RESPONSIBLE]->(m)
RETURN m.id AS measure_id, m.document_id AS document_id, m.number AS number, m.clause AS clause,
       m.text AS measure_text, dl.date AS date, dl.kind AS kind, due.text AS text, due.milestone AS milestone,
       u.name AS unit, r.role AS role, r.`order` AS `order`
ORDER BY date, measure_id, kind, `order`, unit
