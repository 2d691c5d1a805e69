// description: Every direct obligation (measure, responsible unit) in the graph, with what the board needs (deadline, the unit's government; the caller reads the documents' titles and cycles)
// params: none
// No hop to Task/Document: LadybugDB plans that join over every measure (1.9 s against
// 0.2 s at 30 documents); the documents come from documents_report_cycles, one row each.
MATCH (u:Unit)-[r:LEADS|SUPPORTS|JOINTLY_RESPONSIBLE]->(m:Measure)
RETURN m.id AS measure_id, u.name AS unit, r.role AS role, r.`order` AS `order`, coalesce(u.collective, false) AS collective,
       u.government AS government, m.document_id AS document_id, m.number AS number, m.clause AS clause,
       m.text AS text, m.deadline_kind AS deadline_kind, m.deadline_date AS deadline_date, m.deadline_text AS deadline_text
ORDER BY measure_id, `order`, unit
