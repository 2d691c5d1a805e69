// description: FOLLOWS links touching a list of tasks (lower-level task -> the higher-level task it follows), both ends described: the key of an agency's comparison with its counterpart
// params: ids:list
// example: ids=西青区人民政府-2022-07-27:t4
MATCH (a:Task)-[f:FOLLOWS]->(b:Task)
WHERE a.id IN $ids OR b.id IN $ids
RETURN a.id AS lower_id, a.document_id AS lower_document_id, a.seq AS lower_seq, a.number AS lower_number,
       a.title AS lower_title, b.id AS upper_id, b.document_id AS upper_document_id, b.seq AS upper_seq,
       b.number AS upper_number, b.title AS upper_title, f.method AS method, f.score AS score
ORDER BY lower_id, upper_id
