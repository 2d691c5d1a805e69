// description: A document's reporting cycle for its ongoing obligations (quarterly unless set)
// params: id:str
// example: id=xiqing-2022
MATCH (d:Document {id: $id})
RETURN d.id AS id, coalesce(d.report_cycle, 'quarterly') AS report_cycle
