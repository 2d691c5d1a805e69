// description: Linking: delete every FOLLOWS edge (task -> task)
// params: none
MATCH (:Task)-[r:FOLLOWS]->(:Task)
DELETE r
