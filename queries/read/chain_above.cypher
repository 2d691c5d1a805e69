// description: The chain above a district measure: the city measure(s) it implements (score, method) and the city agencies that own each (role)
// params: id:str
// example: id=西青区人民政府-2022-07-27:16.1
MATCH (d:Measure {id: $id})-[l:IMPLEMENTS]->(c:Measure)
MATCH (t:Task)-[:HAS_MEASURE]->(c)
OPTIONAL MATCH (u:Unit)-[r:LEADS|SUPPORTS|JOINTLY_RESPONSIBLE]->(c)
RETURN d.id AS district_id, c.id AS id, c.document_id AS document_id, c.number AS number, c.clause AS clause,
       c.text AS text, t.title AS task_title, l.score AS score, l.method AS method,
       u.name AS unit, r.role AS role, r.`order` AS unit_order
ORDER BY number, clause, id, unit_order, unit
