// description: The collective units (区政府各部门 ...) each of these units belongs to through its government
// params: names:list
// example: names=区财政局,市财政局
UNWIND $names AS n
MATCH (u:Unit {name: n})-[:MEMBER_OF]->(:Government)<-[:COLLECTIVE_OF]-(c:Unit)
RETURN DISTINCT u.name AS unit, c.name AS collective
ORDER BY unit, collective
