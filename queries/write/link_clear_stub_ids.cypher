// description: Incremental linking: delete the given stub documents (a reference now loaded, or no longer made) with their edges
// params: ids:list
UNWIND $ids AS sid
MATCH (d:Document {id: sid})
WHERE d.stub = true
DETACH DELETE d
