// description: The levels are linked: clear the pending mark (in link_store's transaction)
// params: none
MATCH (m:Maintenance {id: 'link'})
DELETE m
