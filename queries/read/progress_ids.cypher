// description: Which of these Progress ids are stored already (import skips them)
// params: ids:list
// example: ids=x,y
MATCH (p:Progress)
WHERE p.id IN $ids
RETURN p.id AS id
ORDER BY id
