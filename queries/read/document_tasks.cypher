// description: A document's tasks in order, each with its number of measures
// params: id:str
// example: id=西青区人民政府-2022-07-27
MATCH (d:Document {id: $id})-[:HAS_TASK]->(t:Task)
OPTIONAL MATCH (t)-[:HAS_MEASURE]->(m:Measure)
RETURN t.id AS id, t.seq AS seq, t.number AS number, t.title AS title, count(m.id) AS measures
ORDER BY number, id
