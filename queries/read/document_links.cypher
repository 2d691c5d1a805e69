// description: IMPLEMENTS links between documents (lower implements upper) with method and score; upper_stub marks a referenced document that is not loaded
// params: none
MATCH (a:Document)-[l:IMPLEMENTS]->(b:Document)
RETURN a.id AS lower_id, a.title AS lower_title, b.id AS upper_id, b.title AS upper_title,
       b.doc_number AS upper_doc_number, coalesce(b.stub, false) AS upper_stub, l.method AS method, l.score AS score
ORDER BY lower_id, upper_id
