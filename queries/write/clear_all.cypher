// description: Delete every node and relationship (tests, `policygraph reset`)
// params: none
MATCH (n)
DETACH DELETE n
