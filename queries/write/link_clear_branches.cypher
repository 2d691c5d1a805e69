// description: Linking: delete every BRANCH_OF edge
// params: none
MATCH (:Unit)-[r:BRANCH_OF]->(:Unit)
DELETE r
