// description: District agencies whose counterpart leads a measure that the district agency does not touch at its level (no responsibility on any measure implementing it); carried = how many lower measures implement it at all
// params: name:str=
// example: name=区财政局
MATCH (u:Unit)-[:COUNTERPART_OF]->(c:Unit)
WHERE $name = '' OR u.name = $name
MATCH (c)-[:LEADS]->(cm:Measure)
WHERE NOT EXISTS { MATCH (u)-[:LEADS|SUPPORTS|JOINTLY_RESPONSIBLE]->(:Measure)-[:IMPLEMENTS]->(cm) }
OPTIONAL MATCH (dm:Measure)-[:IMPLEMENTS]->(cm)
WITH u, c, cm, count(dm) AS carried
RETURN u.name AS unit, c.name AS counterpart, cm.id AS city_measure_id, cm.document_id AS document_id,
       cm.number AS number, cm.clause AS clause, cm.text AS text, carried
ORDER BY unit, document_id, number, clause, city_measure_id
