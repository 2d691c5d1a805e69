// description: Linking: create stub Documents (stub: true) for referenced documents that are not loaded
// params: rows:list
UNWIND $rows AS row
MERGE (d:Document {id: row.id})
SET d.title = row.title, d.doc_number = row.doc_number, d.level = row.level, d.stub = true
