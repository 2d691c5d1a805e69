// description: The measures of these ids with their document, number, clause and text (a review file's rows are checked against them)
// params: ids:list
// example: ids=西青区人民政府-2022-07-27:8.1
UNWIND $ids AS mid
MATCH (m:Measure {id: mid})
RETURN m.id AS id, m.document_id AS document_id, m.number AS number, m.clause AS clause, m.text AS text
ORDER BY id
