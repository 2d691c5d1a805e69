// description: Delete up to $limit relationships (first pass of the sliced clear: a node with thousands of edges is then cheap to delete)
// params: limit:int
MATCH ()-[r]->()
WITH r LIMIT $limit
DELETE r
