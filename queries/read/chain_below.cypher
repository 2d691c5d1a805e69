// description: The chain below a city measure: the district measures that implement it (score, method) and the district agencies that own each (role)
// params: id:str
// example: id=天津市人民政府-2022-05-06:17.1
MATCH (d:Measure)-[l:IMPLEMENTS]->(c:Measure {id: $id})
MATCH (t:Task)-[:HAS_MEASURE]->(d)
OPTIONAL MATCH (u:Unit)-[r:LEADS|SUPPORTS|JOINTLY_RESPONSIBLE]->(d)
RETURN c.id AS city_id, d.id AS id, d.document_id AS document_id, d.number AS number, d.clause AS clause,
       d.text AS text, t.title AS task_title, l.score AS score, l.method AS method,
       u.name AS unit, r.role AS role, r.`order` AS unit_order
ORDER BY number, clause, id, unit_order, unit
