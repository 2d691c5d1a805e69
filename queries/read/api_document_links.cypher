// description: API: the IMPLEMENTS links of one document; direction up = it implements the other document, down = the other implements it
// params: id:str
// example: id=西青区人民政府-2022-07-27
MATCH (a:Document {id: $id})-[l:IMPLEMENTS]->(b:Document)
RETURN 'up' AS direction, b.id AS id, b.title AS title, b.doc_number AS doc_number, b.level AS level,
       coalesce(b.stub, false) AS stub, l.method AS method, l.score AS score
UNION ALL
MATCH (a:Document)-[l:IMPLEMENTS]->(b:Document {id: $id})
RETURN 'down' AS direction, a.id AS id, a.title AS title, a.doc_number AS doc_number, a.level AS level,
       coalesce(a.stub, false) AS stub, l.method AS method, l.score AS score
