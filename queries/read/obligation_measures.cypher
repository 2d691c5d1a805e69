// description: The measures of these ids with what progress rules need (deadline kind/date/text, the measure text a new update is fingerprinted with, the document's year and reporting cycle)
// params: ids:list
// example: ids=xiqing-2022:4.1,tianjin-2022:7.1
UNWIND $ids AS mid
MATCH (m:Measure {id: mid})
MATCH (d:Document {id: m.document_id})
RETURN m.id AS id, m.document_id AS document_id, m.deadline_kind AS deadline_kind, m.deadline_date AS deadline_date,
       m.deadline_text AS deadline_text, m.text AS text, d.year AS year, coalesce(d.report_cycle, 'quarterly') AS report_cycle
ORDER BY id
