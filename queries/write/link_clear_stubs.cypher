// description: Linking: delete the stub documents (references not loaded) with their edges
// params: none
MATCH (d:Document)
WHERE d.stub = true
DETACH DELETE d
