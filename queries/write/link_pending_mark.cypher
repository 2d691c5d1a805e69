// description: Record that the levels must be linked again (written in every load's transaction; cleared by link_store's): a crash between load and link is repaired at the next start
// params: none
MERGE (m:Maintenance {id: 'link'})
SET m.pending = true
