// description: The reporting cycle (quarterly unless set), year, 文号 and title of these documents (obligation states, ledgers)
// params: ids:list
// example: ids=xiqing-2022,tianjin-2022
UNWIND $ids AS did
MATCH (d:Document {id: did})
RETURN d.id AS id, coalesce(d.report_cycle, 'quarterly') AS report_cycle, d.year AS year, d.doc_number AS doc_number, d.published AS published,
       d.title AS title
ORDER BY id
