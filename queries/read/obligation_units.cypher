// description: The units named responsible for these measures (direct edges), collective or not
// params: ids:list
// example: ids=xiqing-2022:4.1,xiqing-2022:1.1
UNWIND $ids AS mid
MATCH (u:Unit)-[r:LEADS|SUPPORTS|JOINTLY_RESPONSIBLE]->(m:Measure {id: mid})
RETURN m.id AS measure_id, u.name AS unit, coalesce(u.collective, false) AS collective, r.role AS role, r.`order` AS `order`
ORDER BY measure_id, `order`, unit
