// description: Linking input: the loaded (non-stub) documents with what their preambles say they implement
// params: none
MATCH (d:Document)
WHERE coalesce(d.stub, false) = false
RETURN d.id AS id, d.title AS title, d.doc_number AS doc_number, d.level AS level, d.year AS year,
       d.implements_doc_numbers AS implements_doc_numbers, d.implements_titles AS implements_titles
ORDER BY id
