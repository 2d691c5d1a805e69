// description: Linking: delete every CONTRIBUTES_TO edge
// params: none
MATCH (:Target)-[r:CONTRIBUTES_TO]->(:Target)
DELETE r
