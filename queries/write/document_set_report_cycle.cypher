// description: Set a document's reporting cycle for its ongoing obligations (monthly | quarterly; reloads keep it: load_document does not set it)
// params: id:str, cycle:str
MATCH (d:Document {id: $id})
SET d.report_cycle = $cycle
