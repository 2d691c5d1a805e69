// description: Linking input: the units responsible for each measure (role lead/support/joint), for counterpart evidence
// params: none
MATCH (u:Unit)-[r:LEADS|SUPPORTS|JOINTLY_RESPONSIBLE]->(m:Measure)
RETURN m.id AS measure_id, u.name AS name, r.role AS role, r.`order` AS ord, u.collective AS collective
ORDER BY measure_id, role, ord, name
