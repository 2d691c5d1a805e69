// description: Dated milestones (DUE edges with milestone true) of a list of measures, for ledgers and deadline calendars
// params: ids:list
// example: ids=天津市人民政府-2022-05-06:41.7
MATCH (m:Measure)-[due:DUE]->(dl:Deadline)
WHERE m.id IN $ids AND due.milestone = true
RETURN m.id AS measure_id, due.seq AS seq, dl.date AS date, dl.kind AS kind, due.text AS text,
       due.action AS action
ORDER BY measure_id, seq, date
