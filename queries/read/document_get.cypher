// description: One document with its counts of tasks and measures
// params: id:str
// example: id=西青区人民政府-2022-07-27
MATCH (d:Document {id: $id})
OPTIONAL MATCH (d)-[:HAS_TASK]->(t:Task)
OPTIONAL MATCH (t)-[:HAS_MEASURE]->(m:Measure)
RETURN d.id AS id, d.title AS title, d.issuer AS issuer, d.doc_number AS doc_number, d.level AS level,
       d.region AS region, d.published AS published, d.year AS year, d.source AS source, d.format AS format,
       d.implements_doc_numbers AS implements_doc_numbers, d.implements_titles AS implements_titles,
       count(DISTINCT t.id) AS tasks, count(DISTINCT m.id) AS measures
ORDER BY id
