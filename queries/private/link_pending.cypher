// description: Whether a load was committed without the linking that follows it (the Maintenance mark)
// params: none
MATCH (m:Maintenance {id: 'link'})
WHERE m.pending = true
RETURN m.id AS id
