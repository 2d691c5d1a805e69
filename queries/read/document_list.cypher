// description: The loaded documents with their numbers of tasks and measures; stub marks a document only cited by another (include_stubs=false leaves stubs out)
// params: include_stubs:bool=true
// example: include_stubs=false
MATCH (d:Document)
WHERE $include_stubs OR coalesce(d.stub, false) = false
OPTIONAL MATCH (d)-[:HAS_TASK]->(t:Task)
OPTIONAL MATCH (t)-[:HAS_MEASURE]->(m:Measure)
RETURN d.id AS id, d.title AS title, d.issuer AS issuer, d.doc_number AS doc_number,
       d.level AS level, d.region AS region, d.published AS published, d.year AS year,
       d.source AS source, d.format AS format,
       d.implements_doc_numbers AS implements_doc_numbers, d.implements_titles AS implements_titles,
       coalesce(d.stub, false) AS stub,
       count(DISTINCT t) AS tasks, count(DISTINCT m) AS measures
ORDER BY id
