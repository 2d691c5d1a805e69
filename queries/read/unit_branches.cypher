// description: BRANCH_OF edges touching a unit (its branches, and the unit it is a branch of)
// params: name:str
// example: name=市规划资源局
MATCH (b:Unit)-[:BRANCH_OF]->(p:Unit)
WHERE b.name = $name OR p.name = $name
RETURN b.name AS branch, p.name AS parent
ORDER BY parent, branch
