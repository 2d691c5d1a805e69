// description: The responsible units (and their roles) of a list of measures
// params: ids:list
// example: ids=西青区人民政府-2022-07-27:7.1
MATCH (u:Unit)-[r:LEADS|SUPPORTS|JOINTLY_RESPONSIBLE]->(m:Measure)
WHERE m.id IN $ids
RETURN m.id AS measure_id, u.name AS unit, r.role AS role, r.`order` AS `order`, u.collective AS collective
ORDER BY measure_id, `order`, role, unit
