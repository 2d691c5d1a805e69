// description: The collective units (区政府各部门, 有关部门 ...) a unit belongs to through its government
// params: name:str
// example: name=区财政局
MATCH (u:Unit {name: $name})-[:MEMBER_OF]->(g:Government)<-[:COLLECTIVE_OF]-(c:Unit)
RETURN c.name AS name, g.name AS government
ORDER BY name, government
