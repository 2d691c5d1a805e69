// description: IMPLEMENTS links into the measures a unit holds, from the lower-level measures implementing them
// params: name:str, ids:list
// example: name=市财政局, ids=天津市人民政府-2022-05-06:2.1
// Cost: the unit's own edges plus the page: a unique-key lookup, the unit's edges, then
// only the page's measures ($ids) are expanded.  The obligations page annotates its
// measures with this instead of `measures_*` by id list alone, which LadybugDB answers
// by scanning the whole measure table.  No WITH before the IMPLEMENTS hop: after one,
// LadybugDB joins the whole IMPLEMENTS table (50 ms at 20,000 links, 0.7 ms without).
MATCH (h:Unit {name: $name})-[:LEADS|SUPPORTS|JOINTLY_RESPONSIBLE]->(b:Measure)
WHERE b.id IN $ids
MATCH (b)<-[l:IMPLEMENTS]-(a:Measure)
RETURN a.id AS lower_id, a.document_id AS lower_document_id, a.number AS lower_number,
       a.clause AS lower_clause, a.text AS lower_text,
       b.id AS upper_id, b.document_id AS upper_document_id, b.number AS upper_number,
       b.clause AS upper_clause, b.text AS upper_text, l.score AS score
ORDER BY lower_id, upper_id
