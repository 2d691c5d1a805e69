// description: Linking state: the stub documents (references not loaded) with the properties linking wrote
// params: none
MATCH (d:Document)
WHERE d.stub = true
RETURN d.id AS id, d.title AS title, d.doc_number AS doc_number, d.level AS level
ORDER BY id
