// description: Linking input of given documents only (incremental relinking): the units responsible for their measures (role lead/support/joint)
// params: ids:list
// example: ids=西青区人民政府-2022-07-27
MATCH (u:Unit)-[r:LEADS|SUPPORTS|JOINTLY_RESPONSIBLE]->(m:Measure)
WHERE m.document_id IN $ids
RETURN m.id AS measure_id, u.name AS name, r.role AS role, r.`order` AS ord, u.collective AS collective
ORDER BY measure_id, role, ord, name
