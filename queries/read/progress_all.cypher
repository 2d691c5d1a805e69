// description: The whole progress history in time order, a page at a time (export: after_at/after_id = the last row of the previous page)
// params: after_at:str=, after_seq:int=-1, after_id:str=, limit:int=5000
// example: limit=100
MATCH (p:Progress)
WHERE p.at > $after_at OR (p.at = $after_at AND (p.seq > $after_seq OR (p.seq = $after_seq AND p.id > $after_id)))
RETURN p.id AS id, p.obligation_id AS obligation_id, p.measure_id AS measure_id, p.unit AS unit, p.seq AS seq,
       p.at AS at, p.status AS status, p.text AS text, p.evidence AS evidence, p.percent AS percent,
       p.person AS person, p.agency AS agency, p.token_name AS token_name, p.source AS source,
       coalesce(p.measure_fp, '') AS measure_fp, coalesce(p.measure_text, '') AS measure_text
ORDER BY at, seq, id
LIMIT $limit
