// description: Task links to review: every Task FOLLOWS Task edge (of one document, lower or upper side, or all) with both tasks' document, number and title and the link's method and score
// params: document:str=
// example: document=西青区人民政府-2022-07-27
MATCH (a:Task)-[l:FOLLOWS]->(b:Task)
WHERE $document = '' OR a.document_id = $document OR b.document_id = $document
RETURN a.id AS lower_id, a.document_id AS lower_document_id, a.seq AS lower_seq, a.number AS lower_number,
       a.title AS lower_title, b.id AS upper_id, b.document_id AS upper_document_id, b.seq AS upper_seq,
       b.number AS upper_number, b.title AS upper_title, l.method AS method, l.score AS score
ORDER BY lower_id, upper_id
